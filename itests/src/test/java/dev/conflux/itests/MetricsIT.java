package dev.conflux.itests;

import static dev.conflux.itests.ConfluxDistribution.MONITOR;
import static dev.conflux.itests.ConfluxDistribution.MONITOR_PASSWORD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * GET /metrics on the management plane as Prometheus (with the monitor account) and everyone else meet it: who may
 * read it, the common labels and JVM metrics, a flow's exchange counter and processing histogram growing with
 * orders sent through the sample flow's REST endpoint, a dead letter in the DLQ gauge, queue, connector and broker
 * gauges; the health probes of the management plane; and a monitor account that opens nothing else (console,
 * Jolokia, JMX, SSH).
 */
public class MetricsIT {

    static final String CONSUMER = "metrics-consumer";
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"));

    static final Http HTTP = new Http();
    static SupportStaff staff;

    @BeforeClass
    public static void ready() throws Exception {
        staff = new SupportStaff(CONFLUX);
        Await.until("/metrics served", Duration.ofMinutes(1), () -> get(MONITOR, MONITOR_PASSWORD).statusCode() == 200);
        Await.until("the sample flow's REST endpoint", Duration.ofMinutes(1), () -> order("{}").statusCode() == 400);
    }

    static String metricsUrl() {
        return CONFLUX.consoleOrigin() + "/metrics";
    }

    static HttpResponse<String> get(String user, String password) throws Exception {
        return user == null ? HTTP.get(metricsUrl()) : HTTP.get(metricsUrl(), "Authorization", Http.basic(user, password));
    }

    /** What Prometheus would scrape now, parsed. */
    static PrometheusText scrape() throws Exception {
        HttpResponse<String> r = get(MONITOR, MONITOR_PASSWORD);
        assertEquals(r.body(), 200, r.statusCode());
        return new PrometheusText(r.body());
    }

    static HttpResponse<String> order(String json) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json);
    }

    @Test
    public void anonymousCallersAreChallengedConsumersRefusedAndTheMonitorReadsTheTextFormat() throws Exception {
        HttpResponse<String> anonymous = get(null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"conflux\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertFalse(anonymous.body().contains("jvm_"));

        HttpResponse<String> wrong = get(MONITOR, "not-" + MONITOR_PASSWORD);
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("jvm_"));

        Path securityLog = CONFLUX.home().toPath().resolve("data/log/security.log");
        Await.until("the failed login counted by the login guard", Duration.ofSeconds(30), () -> Files.readString(
                securityLog).contains("LOGIN FAILED user=" + MONITOR + " channel=metrics from=127.0.0.1"));

        HttpResponse<String> consumer = get(CONSUMER, CONSUMER_PASSWORD);
        assertEquals(403, consumer.statusCode());
        assertFalse(consumer.body().contains("jvm_"));

        assertEquals("a viewer may read metrics too", 200,
                get(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD).statusCode());

        HttpResponse<String> monitor = get(MONITOR, MONITOR_PASSWORD);
        assertEquals(200, monitor.statusCode());
        assertTrue(monitor.headers().firstValue("Content-Type").orElse(""),
                monitor.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        PrometheusText metrics = new PrometheusText(monitor.body());
        for (String family : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count", "process_files_open_files",
                "process_uptime_seconds", "conflux_broker_up", "conflux_broker_address_memory_bytes",
                "conflux_broker_journal_free_bytes"}) {
            assertTrue(family + " missing", metrics.has(family));
        }
        for (PrometheusText.Sample s : metrics.samples) {
            assertEquals(s.toString(), "dev", s.labels().get("environment"));
            assertFalse(s.toString(), s.labels().getOrDefault("node", "").isBlank());
        }
        assertEquals(1, metrics.sum("conflux_broker_up"), 0);
        assertTrue(metrics.sum("conflux_broker_journal_free_bytes") > 0);
    }

    @Test
    public void tenOrdersThroughTheSampleFlowGrowItsExchangeCounterAndProcessingHistogram() throws Exception {
        String flow = "sample-orders";
        PrometheusText before = scrape();
        double exchanges = before.sum("conflux_flow_exchanges_total", "flow", flow);
        double processed = before.sum("conflux_flow_processing_seconds_count", "flow", flow);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = order("{\"orderId\":\"metrics-" + i + "-" + UUID.randomUUID()
                    + "\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":1}");
            assertEquals(r.body(), 202, r.statusCode());
        }
        PrometheusText after = Await.until("10 more exchanges in /metrics", Duration.ofSeconds(30), () -> {
            PrometheusText now = scrape();
            return now.sum("conflux_flow_exchanges_total", "flow", flow) - exchanges >= 10
                    && now.sum("conflux_flow_processing_seconds_count", "flow", flow) - processed >= 10 ? now : null;
        });
        // Kept next to the reports: docs/monitoring.md's sample of /metrics comes from it.
        Path sample = Path.of("target", "failsafe-reports", "MetricsIT-metrics.txt");
        Files.createDirectories(sample.getParent());
        Files.writeString(sample, get(MONITOR, MONITOR_PASSWORD).body(), StandardCharsets.UTF_8);
        assertTrue("a histogram, per route", after.has("conflux_flow_processing_seconds_bucket", "flow", flow,
                "route", "orders-process", "le", "+Inf"));
        assertEquals(1, after.sum("conflux_flow_state", "flow", flow, "state", "STARTED"), 0);
        assertEquals(0, after.sum("conflux_flow_state", "flow", flow, "state", "FAILED"), 0);
        double lastSuccess = after.sum("conflux_flow_last_success_timestamp", "flow", flow);
        assertTrue("last success " + lastSuccess, Math.abs(System.currentTimeMillis() / 1000.0 - lastSuccess) < 120);
        String queue = "conflux.sample.orders";
        for (String family : new String[] {"conflux_queue_messages", "conflux_queue_oldest_message_age_seconds",
                "conflux_queue_messages_added_total", "conflux_queue_messages_acknowledged_total",
                "conflux_queue_messages_expired_total", "conflux_queue_messages_killed_total", "conflux_queue_consumers",
                "conflux_queue_paused"}) {
            assertTrue(family + " of " + queue, after.has(family, "queue", queue));
        }
        assertTrue(after.sum("conflux_queue_messages_added_total", "queue", queue) >= 10);
        assertTrue("the flow consumes the queue", after.sum("conflux_queue_consumers", "queue", queue) >= 1);
    }

    @Test
    public void aPoisonMessageShowsInTheDeadLetterGauge() throws Exception {
        OrderFlows.deploy(CONFLUX, staff.admin, "metrics-orders", OrderFlows.yaml("metrics-orders", "metrics.orders",
                "metrics.orders.done", "${body} contains 'poison'"), 1);
        CONFLUX.jms().send("metrics.orders", "order 1: poison");
        PrometheusText metrics = Await.until("the dead letter in /metrics", Duration.ofMinutes(1), () -> {
            PrometheusText now = scrape();
            return now.sum("conflux_deadletter_messages", "queue", "DLQ.metrics.orders") == 1 ? now : null;
        });
        assertEquals(1, metrics.sum("conflux_queue_messages", "queue", "DLQ.metrics.orders"), 0);
        assertEquals("the broker gave up on it once", 1,
                metrics.sum("conflux_queue_messages_killed_total", "queue", "metrics.orders"), 0);
        assertTrue("failed attempts counted", metrics.sum("conflux_flow_exchanges_failed_total", "flow", "metrics-orders") >= 1);
    }

    @Test
    public void aConnectorInstanceReportsItsHealth() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "metrics-");
        Path cfg = CONFLUX.home().toPath().resolve("etc/conflux.connector.file-metrics-drop.cfg");
        Path tmp = cfg.resolveSibling(".conflux.connector.file-metrics-drop.cfg.tmp");
        Files.writeString(tmp, "directory = " + directory + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE);
        PrometheusText metrics = Await.until("the connector instance UP in /metrics", Duration.ofMinutes(1), () -> {
            PrometheusText now = scrape();
            return now.sum("conflux_connector_up", "connector", "metrics-drop", "type", "file") == 1 ? now : null;
        });
        double since = metrics.sum("conflux_connector_seconds_since_success", "connector", "metrics-drop");
        assertTrue("seconds since success " + since, since >= 0 && since < 120);
        assertTrue(metrics.has("conflux_connector_check_duration_seconds", "connector", "metrics-drop"));
    }

    @Test
    public void healthProbesOnTheManagementPlaneShowTheirChecksToReadersOnly() throws Exception {
        String probes = CONFLUX.consoleOrigin() + "/health/";
        HttpResponse<String> live = HTTP.get(probes + "live");
        assertEquals(200, live.statusCode());
        assertEquals("{\"status\":\"UP\"}", live.body());
        assertEquals("application/json", live.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", live.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> ready = HTTP.get(probes + "ready");
        JsonNode anonymous = Http.JSON.readTree(ready.body());
        assertEquals(ready.body(), List.of("status"), fieldNames(anonymous));
        assertEquals(ready.body(), "UP".equals(anonymous.path("status").asText()) ? 200 : 503, ready.statusCode());

        JsonNode consumer = Http.JSON.readTree(HTTP.get(probes + "ready", "Authorization",
                Http.basic(CONSUMER, CONSUMER_PASSWORD)).body());
        assertEquals("a consumer sees the status only", List.of("status"), fieldNames(consumer));

        HttpResponse<String> monitor = HTTP.get(probes + "ready", "Authorization", Http.basic(MONITOR, MONITOR_PASSWORD));
        JsonNode details = Http.JSON.readTree(monitor.body());
        assertEquals(monitor.body(), List.of("status", "checkedAt", "checks"), fieldNames(details));
        assertTrue(monitor.body(), details.path("checks").size() >= 1);
        assertEquals(ready.statusCode(), monitor.statusCode());

        HttpResponse<String> wrong = HTTP.get(probes + "live", "Authorization", Http.basic(MONITOR, "wrong"));
        assertEquals(401, wrong.statusCode());
        assertEquals("Basic realm=\"conflux\"", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    public void theMonitorAccountOpensNoConsoleNoJolokiaNoJmxNoShell() throws Exception {
        HttpResponse<String> console = HTTP.post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                Http.JSON.createObjectNode().put("username", MONITOR).put("password", MONITOR_PASSWORD).toString());
        assertNotEquals("console login", 200, console.statusCode());

        String exec = Http.JSON.createObjectNode().put("type", "exec").put("mbean", "java.lang:type=Memory")
                .put("operation", "gc").toString();
        HttpResponse<String> jolokia = HTTP.post(CONFLUX.consoleUrl() + "/jolokia/", "application/json", exec,
                "Authorization", Http.basic(MONITOR, MONITOR_PASSWORD), "Origin", CONFLUX.consoleOrigin());
        assertEquals(jolokia.body(), 403, jolokia.statusCode());

        // Karaf exports the JMX connector a little after the rest: wait (with a deadline) for the admin to get in.
        Await.until("Karaf's JMX connector", Duration.ofSeconds(60), () -> {
            try (JMXConnector admin = jmx(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD)) {
                return admin.getMBeanServerConnection().getMBeanCount() > 0;
            } catch (IOException notYet) {
                return null;
            }
        });
        assertThrows("JMX", SecurityException.class, () -> {
            try (JMXConnector jmx = jmx(MONITOR, MONITOR_PASSWORD)) {
                jmx.getMBeanServerConnection().invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);
            }
        });

        try (SshClient ssh = SshClient.setUpDefaultClient()) {
            ssh.start();
            try (ClientSession session = ssh.connect(MONITOR, "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
                session.addPasswordIdentity(MONITOR_PASSWORD);
                assertThrows("SSH", Exception.class, () -> session.auth().verify(10_000));
            }
        }
        // And the account itself works: it is the roles that keep it out.
        assertEquals(200, get(MONITOR, MONITOR_PASSWORD).statusCode());
    }

    static JMXConnector jmx(String user, String password) throws Exception {
        // Pax Exam gives the RMI registry and server ports of its own: the ones the container really uses.
        Properties management = new Properties();
        try (Reader in = Files.newBufferedReader(CONFLUX.home().toPath().resolve("etc/org.apache.karaf.management.cfg"))) {
            management.load(in);
        }
        String registry = LoginSecurityIT.port(management, "rmiRegistryPort", CONFLUX.jmxRegistryPort);
        String server = LoginSecurityIT.port(management, "rmiServerPort", CONFLUX.jmxServerPort);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + server
                + "/jndi/rmi://127.0.0.1:" + registry + "/karaf-root");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }
}
