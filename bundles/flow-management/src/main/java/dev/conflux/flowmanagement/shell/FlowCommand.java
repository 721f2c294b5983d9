package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.Durations;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.flowmanagement.Actor;
import dev.conflux.flowmanagement.FlowOutcome;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** What the flow commands share: the service, the caller's name, and how a flow's state is printed. */
abstract class FlowCommand implements Action {

    @Reference
    protected FlowService flows;

    @Reference
    protected AuditLog audit;

    /** Runs an operator action on a flow, recorded in the audit trail. */
    protected FlowStatus audited(String action, String flow, Supplier<FlowStatus> operation) {
        return Audited.action(audit, action, flow, List.of()).run(operation, FlowOutcome::of);
    }

    protected String actor() {
        return Actor.current("shell");
    }

    static void printStatus(PrintStream out, FlowStatus f) {
        out.println("Flow      : " + f.name());
        out.println("State     : " + f.state());
        out.println("Revision  : " + f.revision());
        out.println("Source    : " + f.source());
        out.println("Uptime    : " + Durations.since(f.startedAt()));
        out.println("Exchanges : " + f.exchangesTotal() + " total, " + f.exchangesFailed() + " failed, "
                + f.exchangesInflight() + " in flight");
        out.println("Processing: mean " + f.meanProcessingMillis() + " ms, max " + f.maxProcessingMillis() + " ms");
        if (f.lastError() != null) {
            out.println("Last error: (" + f.lastErrorAt() + ")");
            f.lastError().lines().forEach(l -> out.println("  " + l));
        }
    }
}
