package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.runtime.api.Durations;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "connector-info", description = "Shows one connector instance: health, where it"
        + " is configured, its settings (secrets masked)")
@Service
public class ConnectorInfoCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Argument(index = 0, name = "name", description = "The instance name", required = true)
    @Completion(ConnectorNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        print(connectors.require(name));
        return null;
    }

    private static void print(ConnectorInstance v) {
        System.out.println("Name        : " + v.name());
        System.out.println("Type        : " + v.type());
        System.out.println("Status      : " + v.status() + (v.reason() == null ? "" : " (" + v.reason() + ")"));
        System.out.println("Checked     : " + (v.checkedAt() == null ? "never" : v.checkedAt() + ", " + Durations.ago(v.checkedAt())));
        System.out.println("Source      : " + v.source());
        if (v.description() != null) {
            System.out.println("Description : " + v.description());
        }
        System.out.println("Settings    :");
        v.settings().forEach((k, value) -> System.out.println("  " + k + " = " + value));
    }
}
