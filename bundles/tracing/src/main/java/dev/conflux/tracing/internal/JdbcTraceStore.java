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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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

    /** A scan by flow/time reads at most this many hops per trace asked for (and {@link #MAX_SCAN} in all). */
    static final int SCAN_HOPS_PER_TRACE = 100;
    static final int MAX_SCAN = 100_000;

    private final Connector connector;
    private final String url;
    private final Path file;
    private final Object writeLock = new Object();
    private final Object schemaLock = new Object();
    private Connection writer;
    private volatile boolean schemaReady;

    private JdbcTraceStore(Connector connector, String url, Path file) {
        this.connector = connector;
        this.url = url;
        this.file = file;
    }

    /**
     * The H2 file database {@code traces} in {@code directory} (created with the first connection). It stays open
     * until {@link #close} (no close on JVM exit: the container closes it in order) and admits this process only.
     */
    public static JdbcTraceStore embedded(Path directory) {
        Path base = directory.toAbsolutePath().resolve("traces");
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE";
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

    /**
     * The ids of the traces matching the query, newest (last hop) first, at most {@code query.limit()}. A search by
     * key or id is an index lookup of a few traces, grouped; a search by flow, time or failure alone reads the
     * (flow, time) or time index backwards and stops at the limit.
     */
    public List<String> findTraceIds(TraceQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        boolean narrow = false;
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE business_key = ?"
                    + " UNION SELECT trace_id FROM conflux_hop WHERE message_id = ?"
                    + " UNION SELECT trace_id FROM conflux_hop WHERE trace_id = ?)");
            String t = q.text().trim();
            args.addAll(List.of(t, t, t));
            narrow = true;
        }
        narrow |= restrict(where, args, " AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE business_key = ?)",
                q.businessKey());
        narrow |= restrict(where, args, " AND trace_id IN (SELECT trace_id FROM conflux_hop WHERE message_id = ?)",
                q.messageId());
        narrow |= restrict(where, args, " AND trace_id = ?", q.traceId());
        restrict(where, args, " AND flow = ?", q.flow());
        restrict(where, args, " AND hop_time >= ?", q.from() == null ? null : q.from().toEpochMilli());
        restrict(where, args, " AND hop_time < ?", q.to() == null ? null : q.to().toEpochMilli());
        if (q.failedOnly()) {
            where.append(" AND kind IN ").append(FAILURE_KINDS);
        }
        String sql = narrow
                ? "SELECT trace_id, MAX(hop_time) AS last_time FROM conflux_hop" + where
                        + " GROUP BY trace_id ORDER BY last_time DESC, trace_id FETCH FIRST " + q.limit() + " ROWS ONLY"
                // "flow DESC" lets H2 read the (flow, time) index backwards instead of sorting the flow's hops
                : "SELECT trace_id FROM conflux_hop" + where + " ORDER BY " + (q.flow() == null ? "" : "flow DESC, ")
                        + "hop_time DESC FETCH FIRST "
                        + Math.min(q.limit() * SCAN_HOPS_PER_TRACE, MAX_SCAN) + " ROWS ONLY";
        Set<String> ids = new LinkedHashSet<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setFetchSize(Math.min(q.limit() * 10, 1000));
            try (ResultSet r = s.executeQuery()) {
                while (ids.size() < q.limit() && r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return List.copyOf(ids);
    }

    private static boolean restrict(StringBuilder where, List<Object> args, String condition, Object value) {
        if (value == null) {
            return false;
        }
        where.append(condition);
        args.add(value);
        return true;
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
     * Deletes about {@code chunk} of the oldest hops older than {@code cutoff} (all hops of the last millisecond
     * deleted go, so a few more when times tie); the number deleted. Called in a loop, so no single statement holds
     * the table for long. Each step is a range on the time index.
     */
    public int deleteOlderThan(Instant cutoff, int chunk) throws SQLException {
        try (Connection c = connect()) {
            Long upTo = nthOldest(c, chunk, cutoff.toEpochMilli());
            try (PreparedStatement s = c.prepareStatement(upTo == null ? "DELETE FROM conflux_hop WHERE hop_time < ?"
                    : "DELETE FROM conflux_hop WHERE hop_time <= ?")) {
                s.setLong(1, upTo == null ? cutoff.toEpochMilli() : upTo);
                return s.executeUpdate();
            }
        }
    }

    /** Deletes the {@code count} oldest hops (and any others of the same millisecond as the last); the number deleted. */
    public int deleteOldest(int count) throws SQLException {
        try (Connection c = connect()) {
            Long upTo = nthOldest(c, count, Long.MAX_VALUE);
            if (upTo == null) {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM conflux_hop");
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM conflux_hop WHERE hop_time <= ?")) {
                s.setLong(1, upTo);
                return s.executeUpdate();
            }
        }
    }

    /** The time of the n-th oldest hop before {@code before}, or null when there are fewer. */
    private static Long nthOldest(Connection c, int n, long before) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT hop_time FROM conflux_hop WHERE hop_time < ?"
                + " ORDER BY hop_time OFFSET " + (n - 1) + " ROWS FETCH NEXT 1 ROWS ONLY")) {
            s.setLong(1, before);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
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
            // one thread at a time: H2 fails a CREATE INDEX IF NOT EXISTS that races another
            synchronized (schemaLock) {
                try (Statement s = c.createStatement()) {
                    if (!schemaReady) {
                        for (String ddl : HopTable.DDL) {
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
