package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.runtime.api.Durations;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "connector-list", description = "Lists connector instances with their health")
@Service
public class ConnectorListCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Status");
        table.column("Checked").alignRight();
        table.column("Reason").maxSize(80);
        table.column("Source");
        for (ConnectorInstance v : connectors.list()) {
            table.addRow().addContent(v.name(), v.type(), v.status(), Durations.ago(v.checkedAt()),
                    v.reason() == null ? "" : v.reason(), v.source());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
