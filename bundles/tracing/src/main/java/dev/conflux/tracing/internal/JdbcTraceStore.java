package dev.conflux.tracing.internal;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.h2.Driver;

/**
 * The hop events in one table ({@link HopTable}) through plain JDBC: an embedded H2 file database, or PostgreSQL.
 * The writer thread has its own connection; searches and retention open one each (cheap for embedded H2, which
 * stays open until {@link #close}). Drivers are instantiated directly: DriverManager does not see embedded drivers
 * in OSGi.
 */
public final class JdbcTraceStore implements HopBuffer.Sink, AutoCloseable {

    private static final String FAILURE_KINDS = "('" + HopKind.FAILED + "', '" + HopKind.DEAD_LETTERED + "', '"
            + HopKind.EXPIRED + "')";

    /** Opens a connection to the store. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final String url;
    private final Path file;
    private final Object writeLock = new Object();
    private Connection writer;
    private volatile boolean schemaReady;

    private JdbcTraceStore(Connector connector, String url, Path file) {
        this.connector = connector;
        this.url = url;
        this.file = file;
    }

    /**
     * The H2 file database {@code traces} in {@code directory} (created with the first connection). It stays open until
     * {@link #close} (no close on JVM exit: the container closes it in order) and admits this process only.
     */
    public static JdbcTraceStore embedded(Path directory) {
        Path base = directory.toAbsolutePath().resolve("traces");
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
        Driver h2 = new Driver();
        Properties none = new Properties();
        return new JdbcTraceStore(() -> h2.connect(url, none), url, Path.of(base + ".mv.db"));
    }

    /** A PostgreSQL database (the shared store of a cluster); the table is created on the first connection. */
    public static JdbcTraceStore postgresql(String url, String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return new JdbcTraceStore(PostgresqlConnector.of(url, p), url.replaceAll("\\?.*", ""), null);
    }

    /** Stores a batch in one transaction. */
    @Override
    public void write(List<Hop> batch) throws SQLException {
        synchronized (writeLock) {
            try {
                if (writer == null) {
                    writer = connect();
                    writer.setAutoCommit(false);
                }
                try (PreparedStatement s = writer.prepareStatement(HopTable.INSERT)) {
                    for (Hop h : batch) {
                        HopTable.bind(s, h);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                writer.commit();
            } catch (SQLException e) {
                closeQuietly(writer);
                writer = null;
                throw e;
            }
        }
    }

    /** The ids of the traces matching the query, newest (last hop) first, at most {@code query.limit()}. */
    public List<String> findTraceIds(TraceQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT trace_id, MAX(hop_time) AS last_time FROM conflux_hop WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE business_key = ?"
                    + " UNION SELECT trace_id FROM conflux_hop WHERE message_id = ?"
                    + " UNION SELECT trace_id FROM conflux_hop WHERE trace_id = ?)");
            String t = q.text().trim();
            args.add(t);
            args.add(t);
            args.add(t);
        }
        if (q.businessKey() != null) {
            sql.append(" AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE business_key = ?)");
            args.add(q.businessKey());
        }
        if (q.messageId() != null) {
            sql.append(" AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE message_id = ?)");
            args.add(q.messageId());
        }
        if (q.traceId() != null) {
            sql.append(" AND trace_id = ?");
            args.add(q.traceId());
        }
        if (q.flow() != null) {
            sql.append(" AND flow = ?");
            args.add(q.flow());
        }
        if (q.from() != null) {
            sql.append(" AND hop_time >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND hop_time < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.failedOnly()) {
            sql.append(" AND kind IN ").append(FAILURE_KINDS);
        }
        sql.append(" GROUP BY trace_id ORDER BY last_time DESC, trace_id FETCH FIRST ").append(q.limit())
                .append(" ROWS ONLY");
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    /** Every hop of the given traces, each list oldest first, in the order of {@code traceIds}. */
    public Map<String, List<Hop>> hops(List<String> traceIds) throws SQLException {
        Map<String, List<Hop>> byTrace = new LinkedHashMap<>();
        traceIds.forEach(id -> byTrace.put(id, new ArrayList<>()));
        if (traceIds.isEmpty()) {
            return byTrace;
        }
        String marks = String.join(", ", traceIds.stream().map(id -> "?").toList());
        String sql = "SELECT " + HopTable.COLUMNS + " FROM conflux_hop WHERE trace_id IN (" + marks
                + ") ORDER BY hop_time, id";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < traceIds.size(); i++) {
                s.setString(i + 1, traceIds.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Hop h = HopTable.read(r);
                    byTrace.get(h.traceId()).add(h);
                }
            }
        }
        return byTrace;
    }

    /**
     * Deletes up to {@code chunk} of the oldest hops older than {@code cutoff}; the number deleted. Called in a
     * loop, so no single statement holds the table for long.
     */
    public int deleteOlderThan(Instant cutoff, int chunk) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("DELETE FROM conflux_hop WHERE id IN"
                + " (SELECT id FROM conflux_hop WHERE hop_time < ? ORDER BY hop_time FETCH FIRST " + chunk
                + " ROWS ONLY)")) {
            s.setLong(1, cutoff.toEpochMilli());
            return s.executeUpdate();
        }
    }

    /** Deletes the {@code count} oldest hops (at most {@code count}); the number deleted. */
    public int deleteOldest(int count) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate("DELETE FROM conflux_hop WHERE id IN (SELECT id FROM conflux_hop ORDER BY hop_time"
                    + " FETCH FIRST " + count + " ROWS ONLY)");
        }
    }

    /** The number of stored hops. */
    public long count() throws SQLException {
        return single("SELECT COUNT(*) FROM conflux_hop");
    }

    /** The oldest stored hop's time, or null. */
    public Instant oldest() throws SQLException {
        long t = single("SELECT COALESCE(MIN(hop_time), -1) FROM conflux_hop");
        return t < 0 ? null : Instant.ofEpochMilli(t);
    }

    /** The database file's size (embedded), the table's with its indexes (PostgreSQL), or -1. */
    public long bytes() {
        try {
            return file != null ? Files.size(file) : single("SELECT pg_total_relation_size('conflux_hop')");
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

    /** A new connection; the first one creates the table and its indexes if missing. */
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
            try (Statement s = c.createStatement()) {
                for (String ddl : HopTable.DDL) {
                    s.execute(ddl);
                }
                schemaReady = true;
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
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
