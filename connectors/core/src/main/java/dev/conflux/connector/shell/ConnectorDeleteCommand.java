package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "connector-delete", description = "Deletes a connector instance (its cfg file);"
        + " flows using it restart and report that it is gone")
@Service
public class ConnectorDeleteCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Argument(index = 0, name = "name", description = "The instance name", required = true)
    @Completion(ConnectorNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        System.out.println("Deleted " + connectors.delete(name));
        return null;
    }
}
