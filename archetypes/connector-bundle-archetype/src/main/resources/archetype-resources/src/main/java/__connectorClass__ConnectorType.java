package ${package};

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Connector type "${connectorType}": a line-based TCP service (one request line, one reply line), a common shape
 * for legacy systems. Instances are etc/conflux.connector.${connectorType}-NAME.cfg; flows write
 * {@code NAME:anything}. Replace the protocol with your system's; keep the shape.
 */
@Component(service = ConnectorType.class)
public class ${connectorClass}ConnectorType implements ConnectorType {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String TOKEN = "token";
    static final String TIMEOUT = "timeout";

    @Override
    public String type() {
        return "${connectorType}";
    }

    @Override
    public String description() {
        return "Line-based TCP service: sends the message as one line, returns the reply line";
    }

    /** Every key, checked by the registry before create() is called: wrong values never reach this code. */
    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(HOST, Kind.TEXT, "Host of the service"),
                ConnectorKey.required(PORT, Kind.PORT, "Port of the service"),
                ConnectorKey.optional(TOKEN, Kind.SECRET, null, "Access token, sent as 'AUTH <token>' first"),
                ConnectorKey.optional(TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect and for a reply"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        return new ${connectorClass}Connector(settings);
    }
}
