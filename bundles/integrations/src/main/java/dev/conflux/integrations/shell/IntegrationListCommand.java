package dev.conflux.integrations.shell;

import dev.conflux.integrations.api.Integration;
import dev.conflux.integrations.api.IntegrationService;
import dev.conflux.integrations.api.Requester;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "integration-list",
        description = "Lists the integrations made from templates (all of them for an admin): approval state, flow state, today's messages")
@Service
public class IntegrationListCommand implements Action {

    @Reference
    IntegrationService integrations;

    @Option(name = "--pending", description = "Only those waiting for your decision (what an approver sees by default)")
    boolean pending;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        Requester who = Requester.current();
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Title");
        table.column("Template");
        table.column("Owner");
        table.column("Status");
        table.column("Flow");
        table.column("Today").alignRight();
        table.column("Failed").alignRight();
        table.column("Decided by");
        // An approver who makes no integrations of their own sees what waits for them.
        boolean decider = !who.has(Requester.INTEGRATOR) && !who.has(Requester.ADMIN);
        for (Integration i : pending || decider ? integrations.pending(who) : integrations.mine(who)) {
            table.addRow().addContent(i.name(), i.title(), i.template() + " v" + i.templateVersion(), i.owner(),
                    i.status() + (i.deletion() ? " (deletion)" : ""), i.flowState() == null ? "" : i.flowState(),
                    i.processed(), i.failed(), i.decidedBy() == null ? "" : i.decidedBy());
        }
        table.print(System.out, !noFormat);
        System.out.println("Approval rule: " + integrations.approvalRule());
        return null;
    }
}
