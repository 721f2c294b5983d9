package dev.conflux.connector.sql;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * A sql instance's component, one per flow, on a connection pool of its own that closes with it. Named and
 * annotated with its scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("sql")
final class SqlInstanceComponent extends SqlComponent {

    private final HikariDataSource pool;

    SqlInstanceComponent(HikariDataSource pool) {
        this.pool = pool;
        setDataSource(pool);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        pool.close();
    }
}
