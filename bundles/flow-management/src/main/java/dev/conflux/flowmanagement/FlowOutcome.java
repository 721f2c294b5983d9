package dev.conflux.flowmanagement;

import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;

/** How an operator's action on a flow goes into the audit trail: FAILED when the flow ends up FAILED. */
public final class FlowOutcome {

    private FlowOutcome() {
    }

    public static Outcome of(FlowStatus s) {
        String detail = "revision " + s.revision() + ", now " + s.state();
        return s.state() == FlowState.FAILED
                ? Outcome.failed(detail + (s.lastError() != null ? ": " + s.lastError() : ""))
                : Outcome.ok(detail);
    }
}
