package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "connector-check", description = "Runs a connector instance's health check now")
@Service
public class ConnectorCheckCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Argument(index = 0, name = "name", description = "The instance name", required = true)
    @Completion(ConnectorNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        ConnectorInstance v = connectors.check(name);
        System.out.println(v.name() + " (" + v.type() + "): " + v.status() + (v.reason() == null ? "" : " - " + v.reason()));
        return null;
    }
}
