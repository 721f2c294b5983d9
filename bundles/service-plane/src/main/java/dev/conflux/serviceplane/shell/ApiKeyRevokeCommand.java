package dev.conflux.serviceplane.shell;

import dev.conflux.serviceplane.api.EndpointAccess;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "apikey-revoke", description = "Revokes an API key at once; it stays listed as"
        + " revoked")
@Service
public class ApiKeyRevokeCommand implements Action {

    @Reference
    EndpointAccess access;

    @Argument(index = 0, name = "id", description = "The key's id (conflux:apikey-list)", required = true)
    @Completion(ApiKeyIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        if (!access.revokeApiKey(id)) {
            throw new IllegalArgumentException("no API key with id '" + id + "' (conflux:apikey-list shows them)");
        }
        System.out.println("Revoked API key " + id);
        return null;
    }
}
