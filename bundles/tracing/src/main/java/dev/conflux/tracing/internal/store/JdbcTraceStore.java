package dev.conflux.tracing.internal.store;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.internal.HopBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.Driver;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The hop events in blocks ({@link BlockTable}) through plain JDBC: an embedded H2 file database, or PostgreSQL. The
 * writer thread has its own connection; searches and retention open one each (cheap for embedded H2, which stays open
 * until {@link #close}). Drivers are instantiated directly: DriverManager does not see embedded drivers in OSGi.
 */
public final class JdbcTraceStore implements HopBuffer.Sink, AutoCloseable {

    /** Opens a connection to the store. */
    interface Connector {
        Connection open() throws SQLException;
    }

    /** The newest block while it is small: the next batches are merged into it. */
    private record Tail(long id, List<Hop> hops) {
    }

    private final Connector connector;
    private final DataSource dataSource;
    private final String url;
    private final Path file;
    private final boolean postgresql;
    private final Object writeLock = new Object();
    private final Object schemaLock = new Object();
    private Connection writer;
    private Tail tail;
    private volatile boolean schemaReady;

    private JdbcTraceStore(Connector connector, DataSource dataSource, String url, Path file) {
        this.connector = connector;
        this.dataSource = dataSource;
        this.url = url;
        this.file = file;
        this.postgresql = file == null;
    }

    /**
     * The H2 file database {@code traces} in {@code directory} (created with the first connection). It stays open
     * until {@link #close} (no close on JVM exit: the container closes it in order) and admits this process only.
     * {@code ANALYZE_AUTO=0}: the searches need no statistics, and H2 would sample the table every 2,000 rows.
     */
    public static JdbcTraceStore embedded(Path directory) {
        Path base = directory.toAbsolutePath().resolve("traces");
        String url = "jdbc:h2:file:" + base
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE;ANALYZE_AUTO=0";
        Driver h2 = new Driver();
        Properties none = new Properties();
        JdbcDataSource shared = new JdbcDataSource();
        shared.setURL(url);
        return new JdbcTraceStore(() -> h2.connect(url, none), shared, url, Path.of(base + ".mv.db"));
    }

    /** A PostgreSQL database (the shared store of a cluster); the tables are created on the first connection. */
    public static JdbcTraceStore postgresql(String url, String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        PGSimpleDataSource shared = new PGSimpleDataSource();
        shared.setURL(url);
        shared.setUser(user);
        shared.setPassword(password);
        return new JdbcTraceStore(PostgresqlConnector.of(url, p), shared, url.replaceAll("\\?.*", ""), null);
    }

    /**
     * Stores a batch in one transaction: merged into the newest block while that holds fewer than
     * {@link BlockTable#BLOCK_HOPS} hops together with the batch (so a quiet system does not make a block per
     * flush), else as new blocks of at most that many hops.
     */
    @Override
    public void write(List<Hop> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            try {
                if (writer == null) {
                    writer = connect();
                    writer.setAutoCommit(false);
                }
                List<Hop> rest = batch;
                Tail next = null;
                if (tail != null && tail.hops().size() + batch.size() <= BlockTable.BLOCK_HOPS) {
                    List<Hop> merged = new ArrayList<>(tail.hops().size() + batch.size());
                    merged.addAll(tail.hops());
                    merged.addAll(batch);
                    if (BlockTable.replace(writer, tail.id(), merged)) {
                        next = new Tail(tail.id(), merged);
                        rest = List.of();
                    }
                }
                for (int from = 0; from < rest.size(); from += BlockTable.BLOCK_HOPS) {
                    int to = Math.min(from + BlockTable.BLOCK_HOPS, rest.size());
                    List<Hop> block = List.copyOf(rest.subList(from, to));
                    next = new Tail(BlockTable.insert(writer, block), block);
                }
                writer.commit();
                tail = next.hops().size() < BlockTable.BLOCK_HOPS ? next : null;
            } catch (SQLException | RuntimeException e) {
                closeQuietly(writer);
                writer = null;
                tail = null;
                throw e;
            }
        }
    }

    /**
     * The same database for other tables (API usage roll-ups): plain connections, without this store's schema. They
     * must all be closed before {@link #close}, which shuts the embedded database down.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The traces matching the query with all their hops (each oldest first), newest trace first. */
    public Map<String, List<Hop>> traces(TraceQuery query) throws SQLException {
        try (Connection c = reader()) {
            return new BlockReader(c).traces(query);
        }
    }

    /** Every hop of the given traces, each list oldest first, in the order of {@code traceIds}. */
    public Map<String, List<Hop>> hops(List<String> traceIds) throws SQLException {
        try (Connection c = reader()) {
            return new BlockReader(c).hops(traceIds);
        }
    }

    /**
     * Deletes the oldest blocks whose hops are all older than {@code cutoff}, about {@code chunk} hops (whole blocks);
     * the number of hops deleted. It walks the blocks oldest first by their key and stops at the first one that is
     * not old enough (blocks are written in time order), so a check that finds nothing to delete reads one row, not
     * the table. Called in a loop, so no single statement holds the tables for long.
     */
    public int deleteOlderThan(Instant cutoff, int chunk) throws SQLException {
        return deleteOldestBlocks(cutoff.toEpochMilli(), chunk);
    }

    /** Deletes the oldest blocks holding at least {@code count} hops (whole blocks); the number of hops deleted. */
    public int deleteOldest(int count) throws SQLException {
        return deleteOldestBlocks(Long.MAX_VALUE, count);
    }

    private int deleteOldestBlocks(long before, int hops) throws SQLException {
        List<Long> ids = new ArrayList<>();
        int deleted = 0;
        try (Connection c = connect()) {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, hop_count, last_time FROM conflux_trace_block ORDER BY id"
                            + " FETCH FIRST " + Math.max(1, Math.min(hops, 5_000)) + " ROWS ONLY")) {
                while (deleted < hops && r.next() && r.getLong(3) < before) {
                    ids.add(r.getLong(1));
                    deleted += r.getInt(2);
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            c.setAutoCommit(false);
            for (int from = 0; from < ids.size(); from += 500) {
                String list = ids.subList(from, Math.min(from + 500, ids.size())).stream().map(String::valueOf)
                        .collect(Collectors.joining(", "));
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM conflux_trace_hops WHERE block_id IN (" + list + ")");
                    s.executeUpdate("DELETE FROM conflux_trace_block WHERE id IN (" + list + ")");
                }
            }
            c.commit();
        }
        return deleted;
    }

    /** The number of stored hops. */
    public long count() throws SQLException {
        return single("SELECT COALESCE(SUM(hop_count), 0) FROM conflux_trace_block");
    }

    /** The oldest stored hop's time, or null. */
    public Instant oldest() throws SQLException {
        long t = single("SELECT COALESCE(MIN(first_time), -1) FROM conflux_trace_block");
        return t < 0 ? null : Instant.ofEpochMilli(t);
    }

    /** The database file's size (embedded), the tables' with their indexes (PostgreSQL), or -1. */
    public long bytes() {
        try {
            return file != null ? Files.size(file) : single("SELECT pg_total_relation_size('conflux_trace_block')"
                    + " + pg_total_relation_size('conflux_trace_hops')");
        } catch (IOException | SQLException e) {
            return -1;
        }
    }

    /** Closes the writer's connection and, for H2, the database. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closeQuietly(writer);
            writer = null;
            tail = null;
        }
        if (file != null) {
            try (Connection c = connector.open(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed
            }
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A connection for a search; PostgreSQL streams a scan (fetch size) only inside a transaction. */
    private Connection reader() throws SQLException {
        Connection c = connect();
        if (postgresql) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
        }
        return c;
    }

    /** A new connection; the first one creates the tables if missing. */
    Connection connect() throws SQLException {
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create the directory " + file.getParent() + ": " + e.getMessage());
            }
        }
        Connection c = connector.open();
        if (c == null) {
            throw new SQLException("the driver does not accept " + url);
        }
        if (!schemaReady) {
            // one thread at a time: H2 fails a CREATE ... IF NOT EXISTS that races another
            synchronized (schemaLock) {
                try (Statement s = c.createStatement()) {
                    if (!schemaReady) {
                        for (String ddl : BlockTable.DDL) {
                            s.execute(ddl);
                        }
                        schemaReady = true;
                    }
                } catch (SQLException e) {
                    closeQuietly(c);
                    throw e;
                }
            }
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to do
            }
        }
    }
}
