package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.connector.api.ConnectorType;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "connector-types", description = "Lists the installed connector types, or the"
        + " configuration keys of one type")
@Service
public class ConnectorTypesCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Argument(index = 0, name = "type", description = "A connector type: show its keys")
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        if (type == null) {
            table.column("Type");
            table.column("Factory PID");
            table.column("Description");
            for (ConnectorType t : connectors.types()) {
                table.addRow().addContent(t.type(), "conflux.connector." + t.type(), t.description());
            }
        } else {
            table.column("Key");
            table.column("Required");
            table.column("Default");
            table.column("Value");
            table.column("Description").maxSize(70);
            for (ConnectorKey k : connectors.keysOf(type)) {
                table.addRow().addContent(k.name(), k.required() ? "yes" : "", k.defaultValue() == null ? "" : k.defaultValue(),
                        k.kind().name().toLowerCase(), k.description());
            }
        }
        table.print(System.out);
        return null;
    }
}
