package dev.conflux.itests;

import static dev.conflux.itests.ConfluxDistribution.MONITOR;
import static dev.conflux.itests.ConfluxDistribution.MONITOR_PASSWORD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The health probes as a load balancer and a monitoring system meet them, on both planes (management 8181 and
 * service 8182): anonymous callers get the status only, the monitor account every check, wrong credentials 401;
 * readiness follows the broker's acceptors (stopped over Jolokia as an administrator would) and flows marked
 * critical in their configuration, and not other flows. And the service plane's endpoint metrics in /metrics.
 */
public class HealthIT {

    static final String CONSUMER = "health-consumer";
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();
    static final String FLOWS_MBEAN = "conflux:type=flows";
    static final String UP = "{\"status\":\"UP\"}";
    static final String DOWN = "{\"status\":\"DOWN\"}";

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"));

    static final Http HTTP = new Http();
    static Jolokia admin;
    static Path etc;
    static Path flows;

    @BeforeClass
    public static void ready() throws Exception {
        admin = CONFLUX.admin();
        etc = CONFLUX.home().toPath().resolve("etc");
        flows = CONFLUX.home().toPath().resolve("flows");
        for (String plane : planes()) {
            Await.until("ready on " + plane, Duration.ofMinutes(1), () -> probe(plane, "ready").statusCode() == 200);
        }
    }

    /** The management plane and the service plane. */
    static List<String> planes() {
        return List.of(CONFLUX.consoleOrigin(), CONFLUX.servicesUrl());
    }

    static HttpResponse<String> probe(String plane, String probe, String... headers) throws Exception {
        return HTTP.get(plane + "/health/" + probe, headers);
    }

    static JsonNode details(String plane, String probe) throws Exception {
        HttpResponse<String> r = probe(plane, probe, "Authorization", Http.basic(MONITOR, MONITOR_PASSWORD));
        JsonNode report = Http.json(r);
        assertEquals(r.body(), report.path("status").asText().equals("UP") ? 200 : 503, r.statusCode());
        return report;
    }

    static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    /** Waits until the plane's readiness has this status and the named check this state. */
    static JsonNode awaitReady(String plane, int status, String check, String checkStatus) throws Exception {
        return Await.until(plane + " ready " + status + " with " + check + " " + checkStatus, Duration.ofSeconds(60),
                () -> {
                    JsonNode report = details(plane, "ready");
                    JsonNode c = check(report, check);
                    boolean statusMatches = report.path("status").asText().equals(status == 200 ? "UP" : "DOWN");
                    return statusMatches && c != null && checkStatus.equals(c.path("status").asText()) ? report : null;
                });
    }

    static void write(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(file.getParent().getParent(), "edit", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String flowState(String name) throws Exception {
        for (JsonNode f : admin.getValue("read/" + FLOWS_MBEAN + "/Flows")) {
            if (name.equals(f.path("name").asText())) {
                return f.path("state").asText();
            }
        }
        return null;
    }

    // ---- anonymous, monitor, wrong credentials ----------------------------------------------------------------

    @Test
    public void anonymousCallersGetTheStatusAndNothingElseOnBothPlanes() throws Exception {
        for (String plane : planes()) {
            for (String p : List.of("live", "ready")) {
                HttpResponse<String> r = probe(plane, p);
                assertEquals(plane + " " + p, 200, r.statusCode());
                assertEquals(plane + " " + p, UP, r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
            }
            // A consumer account is no monitoring account: the status only, as for anyone.
            HttpResponse<String> consumer = probe(plane, "ready", "Authorization", Http.basic(CONSUMER, CONSUMER_PASSWORD));
            assertEquals(plane, 200, consumer.statusCode());
            assertEquals(plane, UP, consumer.body());
        }
        // The old probe of the service plane stays.
        assertEquals("UP", HTTP.get(CONFLUX.servicesUrl() + "/health").body());
    }

    @Test
    public void wrongCredentialsAreRefusedWithAChallengeOnBothPlanes() throws Exception {
        for (String plane : planes()) {
            HttpResponse<String> r = probe(plane, "ready", "Authorization", Http.basic(MONITOR, "not-" + MONITOR_PASSWORD));
            assertEquals(plane + ": " + r.body(), 401, r.statusCode());
            assertTrue(plane, r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"conflux\""));
            assertFalse(r.body(), r.body().contains("broker"));
        }
    }

    @Test
    public void theMonitorGetsEveryCheckOnBothPlanes() throws Exception {
        Path drop = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "health-drop-");
        Path cfg = etc.resolve("conflux.connector.file-health-drop.cfg");
        write(cfg, "directory = " + drop + "\n");
        try {
            for (String plane : planes()) {
                JsonNode report = awaitReady(plane, 200, "connector:health-drop", "UP");
                assertTrue(report.toString(), report.path("checkedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
                JsonNode broker = check(report, "broker");
                assertNotNull(report.toString(), broker);
                assertEquals("UP", broker.path("status").asText());
                assertTrue(broker.path("decisive").asBoolean());
                assertTrue(broker.toString(), broker.path("detail").asText().contains("core"));
                assertEquals("UP", check(report, "service-plane").path("status").asText());
                JsonNode disk = check(report, "disk:journal");
                assertNotNull(report.toString(), disk);
                assertTrue(disk.toString(), disk.path("detail").asText().contains("MiB free at "));
                assertFalse(disk.path("decisive").asBoolean());
                JsonNode sample = check(report, "flow:sample-orders");
                assertNotNull(report.toString(), sample);
                assertEquals("UP", sample.path("status").asText());
                assertFalse("the sample flow is not critical", sample.path("decisive").asBoolean());
                assertFalse(check(report, "connector:health-drop").path("decisive").asBoolean());
                for (JsonNode c : report.path("checks")) {
                    assertFalse(c.toString(), c.path("detail").asText().matches(".*\\b(java|org|dev)\\.[a-z]+\\..*"));
                }
                JsonNode live = details(plane, "live");
                assertEquals("container", live.path("checks").get(0).path("name").asText());
            }
        } finally {
            Files.deleteIfExists(cfg);
        }
    }

    // ---- readiness: the broker's acceptors, critical flows ------------------------------------------------------

    @Test
    public void readinessIsDownWhileTheBrokersAcceptorsAreStopped() throws Exception {
        List<String> acceptors = admin.search("org.apache.activemq.artemis:broker=*,component=acceptors,name=*");
        assertTrue(acceptors.toString(), acceptors.size() >= 1);
        List<String> stopped = new ArrayList<>();
        try {
            for (String acceptor : acceptors) {
                admin.exec(acceptor, "stop()");
                stopped.add(acceptor);
            }
            for (String plane : planes()) {
                JsonNode report = awaitReady(plane, 503, "broker", "DOWN");
                assertTrue(report.toString(), check(report, "broker").path("detail").asText()
                        .startsWith("acceptors not accepting connections: "));
                HttpResponse<String> anonymous = probe(plane, "ready");
                assertEquals(503, anonymous.statusCode());
                assertEquals(DOWN, anonymous.body());
                assertEquals("alive while the broker does not accept", 200, probe(plane, "live").statusCode());
            }
        } finally {
            for (String acceptor : stopped) {
                admin.exec(acceptor, "start()");
            }
        }
        for (String plane : planes()) {
            awaitReady(plane, 200, "broker", "UP");
            assertEquals(UP, probe(plane, "ready").body());
        }
    }

    @Test
    public void aStoppedCriticalFlowMakesTheContainerUnreadyAndAnotherStoppedFlowDoesNot() throws Exception {
        String flow = """
                - route:
                    id: %s
                    from:
                      uri: jms:queue:itest.health.%s
                      steps:
                        - to: jms:queue:itest.health.%s.out
                """;
        Path criticalCfg = etc.resolve("conflux.flow-health-critical.cfg");
        write(criticalCfg, "# the container is not ready without it\ncritical = true\n");
        try {
            // Configured critical, not deployed yet: not ready.
            JsonNode missing = awaitReady(CONFLUX.consoleOrigin(), 503, "flow:health-critical", "DOWN");
            assertEquals("not deployed (critical)", check(missing, "flow:health-critical").path("detail").asText());
        } catch (AssertionError | Exception e) {
            Files.deleteIfExists(criticalCfg);
            throw e;
        }
        write(flows.resolve("health-critical.yaml"), flow.formatted("health-critical", "critical", "critical"));
        write(flows.resolve("health-casual.yaml"), flow.formatted("health-casual", "casual", "casual"));
        Await.until("both flows STARTED", Duration.ofSeconds(60),
                () -> "STARTED".equals(flowState("health-critical")) && "STARTED".equals(flowState("health-casual")));
        try {
            JsonNode report = awaitReady(CONFLUX.consoleOrigin(), 200, "flow:health-critical", "UP");
            assertTrue(report.toString(), check(report, "flow:health-critical").path("decisive").asBoolean());
            assertFalse(check(report, "flow:health-casual").path("decisive").asBoolean());

            // Another flow stopped: reported DOWN, the container stays ready.
            admin.exec(FLOWS_MBEAN, "stop", "health-casual");
            for (String plane : planes()) {
                awaitReady(plane, 200, "flow:health-casual", "DOWN");
                assertEquals(UP, probe(plane, "ready").body());
            }

            // The critical flow stopped: not ready, on both planes.
            admin.exec(FLOWS_MBEAN, "stop", "health-critical");
            for (String plane : planes()) {
                JsonNode down = awaitReady(plane, 503, "flow:health-critical", "DOWN");
                assertTrue(down.toString(), check(down, "flow:health-critical").path("detail").asText()
                        .startsWith("STOPPED"));
                assertEquals(DOWN, probe(plane, "ready").body());
            }
            admin.exec(FLOWS_MBEAN, "start", "health-critical");
            for (String plane : planes()) {
                awaitReady(plane, 200, "flow:health-critical", "UP");
            }
        } finally {
            Files.deleteIfExists(flows.resolve("health-critical.yaml"));
            Files.deleteIfExists(flows.resolve("health-casual.yaml"));
            Files.deleteIfExists(criticalCfg);
        }
        Await.until("the flows undeployed", Duration.ofSeconds(60),
                () -> flowState("health-critical") == null && flowState("health-casual") == null);
        for (String plane : planes()) {
            Await.until("ready on " + plane, Duration.ofSeconds(30), () -> probe(plane, "ready").statusCode() == 200);
        }
    }

    // ---- endpoint metrics ------------------------------------------------------------------------------------

    @Test
    public void theSampleFlowsRequestsAreCountedByStatusClassTheRefusalsIncluded() throws Exception {
        Await.until("the sample flow's REST endpoint", Duration.ofMinutes(1), () -> order("{}") == 400);
        double ok = count("2xx");
        double client = count("4xx");
        List<Integer> statuses = new ArrayList<>();

        statuses.add(order("{\"orderId\":\"H-" + UUID.randomUUID() + "\",\"customer\":\"ACME\",\"item\":\"widget\","
                + "\"quantity\":3}"));
        assertEquals(202, (int) statuses.get(0));
        statuses.add(order("{}"));
        assertEquals(400, (int) statuses.get(1));
        // Without the dev policy file the endpoint asks for a consumer's credentials: 401 from the authentication filter.
        Path policy = etc.resolve("conflux.endpoint-sample-orders.cfg");
        String original = Files.readString(policy);
        try {
            Files.delete(policy);
            Await.until("401 on /api/orders", Duration.ofSeconds(30), () -> {
                statuses.add(order("{}"));
                return statuses.get(statuses.size() - 1) == 401;
            });
        } finally {
            write(policy, original);
        }
        Await.until("the sample flow open again", Duration.ofSeconds(30), () -> {
            statuses.add(order("{}"));
            return statuses.get(statuses.size() - 1) == 400;
        });

        // Every request this test sent is counted in its status class, the 401 refusals included.
        long refusals = statuses.stream().filter(s -> s == 401).count();
        long clientErrors = statuses.stream().filter(s -> s >= 400 && s < 500).count();
        assertTrue(statuses.toString(), refusals >= 1);
        Await.until("/metrics counts " + statuses, Duration.ofSeconds(10),
                () -> count("2xx") == ok + 1 && count("4xx") == client + clientErrors);
        PrometheusText text = scrape();
        PrometheusText.Sample sample = text.find("conflux_endpoint_requests_seconds_count", "endpoint", "/api/orders",
                "status", "2xx").get(0);
        assertEquals("POST", sample.labels().get("method"));
        assertEquals("POST /api/orders", sample.labels().get("operation"));
        assertFalse(text.find("conflux_endpoint_requests_seconds_bucket", "endpoint", "/api/orders").isEmpty());
        assertFalse(text.find("conflux_endpoint_request_size_bytes_count", "endpoint", "/api/orders").isEmpty());
    }

    @Test
    public void aSoapRequestIsCountedUnderItsServiceAndOperation() throws Exception {
        String envelope = SampleFlowIT.submitOrder("HS-" + UUID.randomUUID(), "ACME", "bolt", "5");
        HttpResponse<String> r = HTTP.post(CONFLUX.servicesUrl() + "/services/orders", "text/xml; charset=utf-8",
                envelope, "SOAPAction", "\"" + SampleFlowIT.NS + "/submitOrder\"");
        assertEquals(r.body(), 200, r.statusCode());
        Await.until("the SOAP call in /metrics", Duration.ofSeconds(10), () -> !scrape().find(
                "conflux_endpoint_requests_seconds_count", "endpoint", "/services/orders", "operation", "submitOrder",
                "method", "POST", "status", "2xx").isEmpty());
    }

    static int order(String json) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json).statusCode();
    }

    static PrometheusText scrape() throws Exception {
        HttpResponse<String> r = HTTP.get(CONFLUX.consoleOrigin() + "/metrics", "Authorization",
                Http.basic(MONITOR, MONITOR_PASSWORD));
        assertEquals(r.body(), 200, r.statusCode());
        return new PrometheusText(r.body());
    }

    /** Requests to /api/orders with this status class so far, as /metrics shows them. */
    static double count(String status) throws Exception {
        return scrape().find("conflux_endpoint_requests_seconds_count", "endpoint", "/api/orders", "status", status)
                .stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
