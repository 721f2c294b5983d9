package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes connector instance names. */
@Service
public class ConnectorNameCompleter implements Completer {

    @Reference
    ConnectorService connectors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(connectors.list().stream().map(ConnectorInstance::name).toList()).complete(session, commandLine, candidates);
    }
}
