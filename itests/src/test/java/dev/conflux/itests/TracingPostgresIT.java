package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.ClassRule;
import org.junit.rules.ExternalResource;
import org.junit.rules.RuleChain;

/**
 * The same tracing scenarios on the PostgreSQL store (the shared store a cluster of nodes uses): a real PostgreSQL
 * server of the test's own, started before the distribution, which boots with {@code store = postgresql} and the
 * server's URL in etc/conflux.tracing.cfg. The table itself is read over JDBC, as a DBA would.
 */
public class TracingPostgresIT extends TracingScenarios {

    static final int DB_PORT = ConfluxDistribution.freePort();
    static final String DB_USER = "tracing";
    static final String DB_PASSWORD = "db-" + UUID.randomUUID();
    static final String DB_URL = "jdbc:postgresql://127.0.0.1:" + DB_PORT + "/postgres";

    static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"),
                    editConfigurationFilePut("etc/conflux.tracing.cfg", "store", "postgresql"),
                    editConfigurationFilePut("etc/conflux.tracing.cfg", "jdbc.url", DB_URL),
                    editConfigurationFilePut("etc/conflux.tracing.cfg", "jdbc.user", DB_USER),
                    editConfigurationFilePut("etc/conflux.tracing.cfg", "jdbc.password", DB_PASSWORD));

    /** The database runs before the distribution boots and stops after it. */
    @ClassRule
    public static final RuleChain DATABASE_THEN_CONFLUX = RuleChain.outerRule(new ExternalResource() {
        private Postgres db;

        @Override
        protected void before() throws Exception {
            db = new Postgres(DB_PORT, DB_USER, DB_PASSWORD);
        }

        @Override
        protected void after() {
            try {
                db.close();
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
        }
    }).around(CONFLUX);

    @BeforeClass
    public static void deploy() throws Exception {
        deployFlows(CONFLUX);
        String store = traces.stats().path("store").asText();
        assertTrue("the PostgreSQL store: " + store, store.startsWith("postgresql") && store.contains(":" + DB_PORT));
        assertTrue("no credentials in the store's name: " + store, !store.contains(DB_PASSWORD));
    }

    /** The stored blocks hold the order's captured bodies, none of them with the masked value. */
    @Override
    protected void assertStoreNeverHolds(String masked, String captured) throws Exception {
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            String payloads = "SELECT count(*) FROM conflux_trace_hops h,"
                    + " json_array_elements(convert_from(h.hops, 'UTF8')::json) e WHERE e->>'payload' LIKE ?";
            Await.until("the captured body in conflux_trace_hops", Duration.ofSeconds(30),
                    () -> count(c, payloads, "%" + captured + "%") >= 2);
            assertEquals("captured bodies holding the masked value", 0, count(c, payloads, "%" + masked + "%"));
            assertEquals("nowhere else in a block either", 0, count(c, "SELECT count(*) FROM conflux_trace_hops"
                    + " WHERE convert_from(hops, 'UTF8') LIKE ?", "%" + masked + "%"));
        }
    }

    /**
     * API usage keeps its hourly roll-ups in the same database (issue 18): three orders, the API usage bundle
     * restarted (which writes the minute under way), and the calls the day's report gives for the consumer are the
     * ones {@code conflux_api_usage_hour} holds, read over JDBC.
     */
    @Test
    public void apiUsageRollUpsAreKeptInTheSamePostgresqlDatabase() throws Exception {
        for (int i = 0; i < 3; i++) {
            postOrder(order(newOrderId("U")));
        }
        long bundle = staff.admin.bundleId("dev.conflux.apiusage");
        staff.admin.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(bundle));
        String sum = "SELECT COALESCE(SUM(ok + client_errors + server_errors), 0) FROM conflux_api_usage_hour"
                + " WHERE operation = 'POST /api/trace-orders' AND consumer = ?";
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            long stored = Await.until("the calls in conflux_api_usage_hour", Duration.ofSeconds(30), () -> {
                long n = count(c, sum, CONSUMER);
                return n >= 3 ? n : null;
            });
            long reported = Await.until("the day's usage of " + CONSUMER, Duration.ofSeconds(30), () -> {
                for (JsonNode row : Http.JSON.readTree(staff.viewer.exec("conflux:type=apiusage", "usage", "1d", "both")
                        .asText())) {
                    if (CONSUMER.equals(row.path("consumer").asText())
                            && "POST /api/trace-orders".equals(row.path("operation").asText())) {
                        return row.path("calls").asLong();
                    }
                }
                return null;
            });
            assertEquals("the day's calls of " + CONSUMER + " are the stored ones", stored, reported);
        }
    }

    private static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
