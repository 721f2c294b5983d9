package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.connector.api.ConnectorType;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes installed connector types. */
@Service
public class ConnectorTypeCompleter implements Completer {

    @Reference
    ConnectorService connectors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(connectors.types().stream().map(ConnectorType::type).toList()).complete(session, commandLine, candidates);
    }
}
