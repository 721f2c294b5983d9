package dev.conflux.connector.sql;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Connector type "sql": instances are configured in etc/conflux.connector.sql-NAME.cfg. */
@Component(service = ConnectorType.class)
public class SqlConnectorType implements ConnectorType {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String MAX_POOL = "maxPoolSize";
    static final String MIN_IDLE = "minIdle";
    static final String CONNECT_TIMEOUT = "connectTimeout";

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public String description() {
        return "Relational database (PostgreSQL driver included): queries and updates through a connection pool";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(URL, Kind.TEXT, "JDBC URL, e.g. jdbc:postgresql://db.example.com:5432/orders"),
                ConnectorKey.optional(USERNAME, Kind.TEXT, null, "Database user"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password"),
                ConnectorKey.optional(MAX_POOL, Kind.INTEGER, "10", "Most connections the instance opens per flow"),
                ConnectorKey.optional(MIN_IDLE, Kind.INTEGER, "0", "Connections kept open while idle, per flow"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait for a connection"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        String url = settings.text(URL);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfigurationException(URL, "'" + url + "' is not a JDBC URL this connector has a driver"
                    + " for; expected jdbc:postgresql://host:port/database");
        }
        if (settings.integer(MAX_POOL) < 1 || settings.integer(MIN_IDLE) < 0
                || settings.integer(MIN_IDLE) > settings.integer(MAX_POOL)) {
            throw new InvalidConfigurationException(MAX_POOL, "expected 1 <= minIdle + 1 <= maxPoolSize + 1 (got"
                    + " maxPoolSize " + settings.integer(MAX_POOL) + ", minIdle " + settings.integer(MIN_IDLE) + ")");
        }
        return new SqlConnector(settings);
    }
}
