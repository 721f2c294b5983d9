package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.Durations;
import dev.conflux.runtime.api.FlowStatus;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "flow-list", description = "Lists the flows with their state, revision and traffic")
@Service
public class FlowListCommand extends FlowCommand {

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Rev").alignRight();
        table.column("Uptime").alignRight();
        table.column("Total").alignRight();
        table.column("Failed").alignRight();
        table.column("Inflight").alignRight();
        table.column("Source");
        table.column("Last error").maxSize(60);
        for (FlowStatus f : flows.list()) {
            String error = f.lastError() == null ? "" : f.lastError().lines().findFirst().orElse("");
            table.addRow().addContent(f.name(), f.state(), f.revision(), Durations.since(f.startedAt()),
                    f.exchangesTotal(), f.exchangesFailed(), f.exchangesInflight(), f.source(), error);
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
