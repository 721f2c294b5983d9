package dev.conflux.serviceplane.shell;

import dev.conflux.runtime.api.Durations;
import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.EndpointAccess;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "apikey-list", description = "Lists the API keys issued (never the keys"
        + " themselves): consumer, created, expiry, last use, revoked")
@Service
public class ApiKeyListCommand implements Action {

    @Reference
    EndpointAccess access;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Consumer");
        table.column("Created");
        table.column("Expires");
        table.column("Last used");
        table.column("Revoked");
        Instant now = Instant.now();
        for (ApiKeyInfo k : access.apiKeys()) {
            String expires = k.expires() == null ? "never" : k.expires() + (k.expires().isAfter(now) ? "" : " (expired)");
            table.addRow().addContent(k.id(), k.consumer(), k.created() + " (" + Durations.ago(k.created()) + ")",
                    expires, k.lastUsed() == null ? "never" : Durations.ago(k.lastUsed()), k.revoked() ? "yes" : "no");
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
