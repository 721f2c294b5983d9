package dev.conflux.connector.sql;

import static dev.conflux.connector.sql.SqlConnectorType.*;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.camel.Component;
import org.postgresql.Driver;

/**
 * One database. A flow's {@code NAME:select * from orders where id = :#id} runs on a pool of the flow's own
 * (created with the flow, closed when it stops), with the options of Camel's sql component.
 */
final class SqlConnector implements Connector {

    private final ConnectorSettings settings;

    SqlConnector(ConnectorSettings settings) {
        this.settings = settings;
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("conflux-" + settings.name());
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(settings.text(URL));
        settings.optional(USERNAME).ifPresent(config::setUsername);
        if (settings.has(PASSWORD)) {
            config.setPassword(settings.secret(PASSWORD));
        }
        config.setMaximumPoolSize(settings.integer(MAX_POOL));
        config.setMinimumIdle(settings.integer(MIN_IDLE));
        config.setConnectionTimeout(Math.max(250, settings.millis(CONNECT_TIMEOUT)));
        // Do not fail the flow's start when the database is down: each use reports it instead.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Override
    public Component createComponent() {
        return new SqlInstanceComponent(pool());
    }

    @Override
    public Health check() {
        Properties login = new Properties();
        settings.optional(USERNAME).ifPresent(u -> login.setProperty("user", u));
        if (settings.has(PASSWORD)) {
            login.setProperty("password", settings.secret(PASSWORD));
        }
        login.setProperty("connectTimeout", String.valueOf(Math.max(1, settings.millis(CONNECT_TIMEOUT) / 1000)));
        String url = settings.text(URL);
        try (Connection connection = new Driver().connect(url, login)) {
            if (connection == null || !connection.isValid((int) Math.max(1, settings.millis(CONNECT_TIMEOUT) / 1000))) {
                return Health.down(url + ": the connection is not valid");
            }
            DatabaseMetaData meta = connection.getMetaData();
            return Health.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at " + url);
        } catch (SQLException e) {
            return Health.down(reason(e, url));
        }
    }

    private String reason(SQLException e, String url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "host unreachable: connection refused at " + url;
            }
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "authentication failed for user " + settings.optional(USERNAME).orElse("(none)") + " at " + url;
        }
        if (state.equals("3D000")) {
            return "the database does not exist: " + url;
        }
        if (state.startsWith("08")) {
            return "host unreachable: " + e.getMessage();
        }
        return url + ": " + e.getMessage() + (state.isEmpty() ? "" : " (SQLState " + state + ")");
    }
}
