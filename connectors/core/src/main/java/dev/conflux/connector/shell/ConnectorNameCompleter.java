package dev.conflux.connector.shell;

import dev.conflux.connector.internal.ConnectorRegistry;
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
    ConnectorRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(registry.names()).complete(session, commandLine, candidates);
    }
}
