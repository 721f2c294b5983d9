package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorInstance.Status;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "conflux", name = "connector-create", description = "Creates a connector instance: writes"
        + " etc/conflux.connector.<type>-<name>.cfg (secret keys encrypted). A secret given as '?' is asked for"
        + " without echo, so it stays out of the shell history.")
@Service
public class ConnectorCreateCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Reference
    Session session;

    @Argument(index = 0, name = "type", description = "The connector type (conflux:connector-types)", required = true)
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Argument(index = 1, name = "name", description = "The instance name flows will use", required = true)
    String name;

    @Argument(index = 2, name = "settings", description = "key=value pairs (conflux:connector-types <type>)",
            multiValued = true)
    List<String> settings;

    @Override
    public Object execute() throws Exception {
        List<ConnectorKey> keys = connectors.keysOf(type);
        Map<String, String> values = new LinkedHashMap<>();
        for (String setting : settings == null ? List.<String>of() : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + setting + "' is not key=value");
            }
            String key = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1);
            boolean secret = keys.stream().anyMatch(k -> k.name().equals(key) && k.secret());
            if (secret && "?".equals(value)) {
                value = session.readLine(key + ": ", '*');
            }
            values.put(key, value);
        }
        Path file = connectors.create(type, name, values);
        System.out.println("Wrote " + file);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Optional<ConnectorInstance> view = connectors.get(name);
            if (view.isPresent() && view.get().status() != Status.UNKNOWN) {
                System.out.println(name + " (" + type + "): " + view.get().status()
                        + (view.get().reason() == null ? "" : " - " + view.get().reason()));
                return null;
            }
            Thread.sleep(200); // polling for FileInstall to pick the file up and the first check to finish
        }
        System.out.println(name + ": not checked yet; see conflux:connector-list");
        return null;
    }
}
