package dev.conflux.connector.shell;

import dev.conflux.connector.internal.ConnectorRegistry;
import dev.conflux.connector.internal.ConnectorRegistry.View;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "connector-check", description = "Runs a connector instance's health check now")
@Service
public class ConnectorCheck implements Action {

    @Reference
    ConnectorRegistry registry;

    @Argument(index = 0, name = "name", description = "The instance name", required = true)
    @Completion(ConnectorNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        View v = registry.check(name);
        System.out.println(v.name() + " (" + v.type() + "): " + v.status() + (v.reason() == null ? "" : " - " + v.reason()));
        return null;
    }
}
