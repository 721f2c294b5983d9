package dev.conflux.serviceplane.shell;

import dev.conflux.serviceplane.api.EndpointAccess;
import dev.conflux.serviceplane.api.IssuedApiKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "apikey-create", description = "Issues an API key to a consumer of the service"
        + " plane's endpoints; the key is shown once and only its hash is kept")
@Service
public class ApiKeyCreateCommand implements Action {

    @Reference
    EndpointAccess access;

    @Argument(index = 0, name = "consumer", description = "The consumer's name, as flows see it in ConfluxConsumer",
            required = true)
    String consumer;

    @Option(name = "--expires", description = "Last day the key is valid (YYYY-MM-DD, UTC); default: no expiry")
    String expires;

    @Override
    public Object execute() {
        LocalDate until = null;
        if (expires != null) {
            try {
                until = LocalDate.parse(expires);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--expires '" + expires + "' is not a date of the form YYYY-MM-DD");
            }
        }
        // A refusal (bad name, past date) propagates: the shell prints it as the command's error.
        IssuedApiKey issued = access.createApiKey(consumer,
                until == null ? null : until.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        System.out.println("API key " + issued.info().id() + " for " + consumer
                + (until == null ? " (no expiry)" : " (valid through " + until + " UTC)") + ":");
        System.out.println(issued.secret());
        System.out.println("It is shown only now: send it as 'Authorization: ApiKey <key>' or 'X-API-Key: <key>'.");
        return null;
    }
}
