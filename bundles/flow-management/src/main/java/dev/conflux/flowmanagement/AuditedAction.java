package dev.conflux.flowmanagement;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.runtime.api.FlowStatus;
import java.util.List;
import java.util.function.Supplier;

/** Runs an operator's action on a flow and records it, with its outcome, in the audit trail. */
public final class AuditedAction {

    private AuditedAction() {
    }

    public static FlowStatus run(AuditLog audit, String action, String flow, Supplier<FlowStatus> operation) {
        FlowStatus status;
        try {
            status = operation.get();
        } catch (RuntimeException e) {
            audit.record(action, flow, List.of(), AuditEntry.FAILED, e.getMessage());
            throw e;
        }
        audit.record(action, flow, List.of(), status.state().name().equals("FAILED") ? AuditEntry.FAILED : AuditEntry.OK,
                "revision " + status.revision() + ", now " + status.state()
                        + (status.state().name().equals("FAILED") && status.lastError() != null ? ": " + status.lastError() : ""));
        return status;
    }
}
