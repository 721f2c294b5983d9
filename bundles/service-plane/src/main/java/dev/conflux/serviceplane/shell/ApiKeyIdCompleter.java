package dev.conflux.serviceplane.shell;

import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.EndpointAccess;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of API keys not revoked yet. */
@Service
public class ApiKeyIdCompleter implements Completer {

    @Reference
    EndpointAccess access;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(access.apiKeys().stream().filter(k -> !k.revoked()).map(ApiKeyInfo::id).toList())
                .complete(session, commandLine, candidates);
    }
}
