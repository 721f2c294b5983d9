package dev.conflux.flowmanagement;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import java.util.List;
import java.util.function.Supplier;

/** Runs an operator's action on a flow and records it in the audit trail: FAILED when the flow ends up FAILED. */
public final class AuditedAction {

    private AuditedAction() {
    }

    public static FlowStatus run(AuditLog audit, String action, String flow, Supplier<FlowStatus> operation) {
        return Audited.run(audit, action, flow, List.of(), () -> {
            FlowStatus s = operation.get();
            boolean failed = s.state() == FlowState.FAILED;
            return new Audited.Outcome<>(s, failed ? AuditEntry.FAILED : AuditEntry.OK, "revision " + s.revision()
                    + ", now " + s.state() + (failed && s.lastError() != null ? ": " + s.lastError() : ""));
        });
    }
}
