package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowRevision;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "flow-history",
        description = "Shows every deployment, rejected edit, rollback, start and stop of a flow, oldest first")
@Service
public class FlowHistoryCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Rev").alignRight();
        table.column("Time");
        table.column("Action");
        table.column("By");
        table.column("SHA-256").maxSize(12);
        table.column("Detail").maxSize(80);
        for (FlowRevision r : flows.history(name)) {
            table.addRow().addContent(r.revision() == 0 ? "-" : r.revision(), r.at(), r.action(), r.actor(),
                    r.sha256(), r.detail());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
