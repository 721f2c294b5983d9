package dev.conflux.tracing.internal.store;

import java.util.Properties;
import org.postgresql.Driver;

/** Connections from the embedded PostgreSQL driver, instantiated directly (DriverManager does not see it in OSGi). */
final class PostgresqlConnector {

    private PostgresqlConnector() {
    }

    static JdbcTraceStore.Connector of(String url, Properties credentials) {
        Driver driver = new Driver();
        return () -> driver.connect(url, credentials);
    }
}
