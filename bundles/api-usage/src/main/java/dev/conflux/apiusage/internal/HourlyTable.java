package dev.conflux.apiusage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The hourly roll-ups in {@code conflux_api_usage_hour}: one row per UTC hour, endpoint, operation and consumer,
 * with its counters and compressed latency histogram. Adding to an hour that has a row merges into it, so the
 * minutes of one hour may be written in several goes (and by a node that restarted within the hour, or by several
 * nodes sharing a PostgreSQL database: the row is read {@code FOR UPDATE}, so two writers merge one after the other;
 * two that insert the same new row at once fail one batch, which stays in memory and is written next time). Plain
 * SQL that H2 and PostgreSQL both take.
 */
final class HourlyTable {

    static final String DDL = """
            CREATE TABLE IF NOT EXISTS conflux_api_usage_hour (
              hour_start BIGINT NOT NULL,
              endpoint VARCHAR(300) NOT NULL,
              operation VARCHAR(500) NOT NULL,
              consumer VARCHAR(300) NOT NULL,
              ok BIGINT NOT NULL,
              client_errors BIGINT NOT NULL,
              server_errors BIGINT NOT NULL,
              bytes_in BIGINT NOT NULL,
              bytes_out BIGINT NOT NULL,
              latencies BYTEA NOT NULL,
              PRIMARY KEY (hour_start, endpoint, operation, consumer)
            )""";

    /** One stored row. */
    record Row(long hour, Key key, Tally tally) {
    }

    private final DataSource store;
    private volatile boolean ready;

    HourlyTable(DataSource store) {
        this.store = store;
    }

    /** Adds the tallies of each hour to its rows, in one transaction. */
    void add(Map<Long, Map<Key, Tally>> byHour) throws SQLException {
        if (byHour.isEmpty()) {
            return;
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("SELECT ok, client_errors, server_errors, bytes_in,"
                    + " bytes_out, latencies FROM conflux_api_usage_hour WHERE hour_start = ? AND endpoint = ? AND"
                    + " operation = ? AND consumer = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement("UPDATE conflux_api_usage_hour SET ok = ?,"
                            + " client_errors = ?, server_errors = ?, bytes_in = ?, bytes_out = ?, latencies = ?"
                            + " WHERE hour_start = ? AND endpoint = ? AND operation = ? AND consumer = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO conflux_api_usage_hour (ok,"
                            + " client_errors, server_errors, bytes_in, bytes_out, latencies, hour_start, endpoint,"
                            + " operation, consumer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<Long, Map<Key, Tally>> hour : byHour.entrySet()) {
                    for (Map.Entry<Key, Tally> e : hour.getValue().entrySet()) {
                        Key k = e.getKey();
                        keyParameters(select, 1, hour.getKey(), k);
                        Tally merged = e.getValue().copy();
                        boolean exists;
                        try (ResultSet r = select.executeQuery()) {
                            exists = r.next();
                            if (exists) {
                                merged.add(read(r, 1));
                            }
                        }
                        PreparedStatement write = exists ? update : insert;
                        write.setLong(1, merged.ok());
                        write.setLong(2, merged.clientErrors());
                        write.setLong(3, merged.serverErrors());
                        write.setLong(4, merged.bytesIn());
                        write.setLong(5, merged.bytesOut());
                        write.setBytes(6, merged.latencies());
                        keyParameters(write, 7, hour.getKey(), k);
                        write.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Hands each row of the hours from {@code fromHour} (inclusive) on to {@code visitor}, one at a time. */
    void since(long fromHour, Consumer<Row> visitor) throws SQLException {
        try (Connection c = connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams (fetch size) only inside a transaction
            try (PreparedStatement s = c.prepareStatement("SELECT ok, client_errors, server_errors, bytes_in,"
                    + " bytes_out, latencies, hour_start, endpoint, operation, consumer FROM conflux_api_usage_hour"
                    + " WHERE hour_start >= ?")) {
                s.setFetchSize(500);
                s.setLong(1, fromHour);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        visitor.accept(new Row(r.getLong(7), new Key(r.getString(8), r.getString(9),
                                r.getString(10)), read(r, 1)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The consumers with an accepted call (1xx-3xx) of an operation or endpoint in the hours from {@code fromHour}. */
    Set<String> consumers(long fromHour, String api) throws SQLException {
        Set<String> consumers = new TreeSet<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT DISTINCT consumer FROM"
                + " conflux_api_usage_hour WHERE hour_start >= ? AND (operation = ? OR endpoint = ?) AND ok > 0")) {
            s.setLong(1, fromHour);
            s.setString(2, api);
            s.setString(3, api);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    consumers.add(r.getString(1));
                }
            }
        }
        return consumers;
    }

    /** Deletes the hours before {@code beforeHour}; how many rows went. */
    int deleteBefore(long beforeHour) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("DELETE FROM conflux_api_usage_hour WHERE hour_start < ?")) {
            s.setLong(1, beforeHour);
            return s.executeUpdate();
        }
    }

    /** The oldest stored hour, or -1. */
    long oldest() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MIN(hour_start) FROM conflux_api_usage_hour")) {
            r.next();
            long oldest = r.getLong(1);
            return r.wasNull() ? -1 : oldest;
        }
    }

    private static Tally read(ResultSet r, int first) throws SQLException {
        return Tally.of(r.getLong(first), r.getLong(first + 1), r.getLong(first + 2), r.getLong(first + 3),
                r.getLong(first + 4), r.getBytes(first + 5));
    }

    private static void keyParameters(PreparedStatement s, int first, long hour, Key k) throws SQLException {
        s.setLong(first, hour);
        s.setString(first + 1, k.endpoint());
        s.setString(first + 2, k.operation());
        s.setString(first + 3, k.consumer());
    }

    private Connection connect() throws SQLException {
        Connection c = store.getConnection();
        if (!ready) {
            synchronized (this) {
                try (Statement s = c.createStatement()) {
                    if (!ready) {
                        s.execute(DDL);
                        ready = true;
                    }
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
            }
        }
        return c;
    }
}
