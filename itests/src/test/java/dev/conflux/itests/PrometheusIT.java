package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The path of a shop that runs Prometheus, with the real server (Debian's prometheus package): it scrapes the running
 * distribution's /metrics with the monitor account (and is refused without it), loads docs/monitoring/prometheus-rules.yml
 * and evaluates it on live data; PromQL through its HTTP API sees the sample flow's exchanges and a dead letter, the
 * dead-letter rule fires, and every query of the Grafana dashboard (docs/monitoring/grafana-conflux.json) is valid
 * and shows data once there is traffic, a dead letter and a connector instance.
 * promtool checks the rules and runs their unit tests.
 */
public class PrometheusIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();

    /** docs/monitoring of the source tree (docs/examples is passed to the tests; see itests/pom.xml). */
    static final Path DOCS = Path.of(System.getProperty("conflux.examples")).getParent().resolve("monitoring");
    static final Path RULES = DOCS.resolve("prometheus-rules.yml");
    static final Path DASHBOARD = DOCS.resolve("grafana-conflux.json");
    static final String SAMPLE_FLOW = "sample-orders";
    static final Http HTTP = new Http();

    static Prometheus prometheus;
    private static boolean ordersSent;
    private static double exchangesBefore;
    private static boolean poisoned;

    @BeforeClass
    public static void ready() throws Exception {
        Await.until("the sample flow's REST endpoint", Duration.ofMinutes(1), () -> order("{}").statusCode() == 400);
        String target = "['127.0.0.1:" + CONFLUX.httpPort + "']";
        prometheus = CONFLUX.closeAfter(new Prometheus("""
                  - job_name: conflux
                    basic_auth:
                      username: %s
                      password_file: monitor.password
                    static_configs:
                      - targets: %s
                  - job_name: conflux-anonymous
                    static_configs:
                      - targets: %s
                """.formatted(ConfluxDistribution.MONITOR, target, target), List.of(RULES),
                Map.of("monitor.password", ConfluxDistribution.MONITOR_PASSWORD)));
        Await.until("Prometheus's first scrape of Conflux", Duration.ofMinutes(1),
                () -> Double.valueOf(1).equals(prometheus.value("up{job=\"conflux\"}")));
    }

    static HttpResponse<String> order(String json) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json);
    }

    /** Ten orders through the sample flow's REST endpoint, once per class; notes the exchange count before. */
    static synchronized void tenOrders() throws Exception {
        if (ordersSent) {
            return;
        }
        Double before = prometheus.value("sum(conflux_flow_exchanges_total{flow=\"" + SAMPLE_FLOW + "\"})");
        exchangesBefore = before == null ? 0 : before;
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> r = order("{\"orderId\":\"prom-" + i + "\",\"customer\":\"ACME\",\"item\":\"widget\","
                    + "\"quantity\":" + i + "}");
            assertEquals(r.body(), 202, r.statusCode());
        }
        ordersSent = true;
    }

    /** A poison message dead-lettered by a flow that fails on it, once per class. */
    static synchronized void poisonMessage() throws Exception {
        if (poisoned) {
            return;
        }
        OrderFlows.deploy(CONFLUX, CONFLUX.admin(), "prom-orders",
                OrderFlows.yaml("prom-orders", "prom.orders", "prom.orders.done", "${body} contains 'poison'"), 1);
        // Prometheus knows the queue (killed = 0) before the dead letter, so the rule sees the counter rise
        Await.until("the queue prom.orders in Prometheus", Duration.ofMinutes(1), () -> Double.valueOf(0).equals(
                prometheus.value("sum(conflux_queue_messages_killed_total{queue=\"prom.orders\"})")));
        CONFLUX.jms().send("prom.orders", "order 1: poison");
        poisoned = true;
    }

    @Test
    public void promtoolChecksTheRulesAndTheirUnitTestsPass() throws Exception {
        Processes.Result check = Prometheus.promtool(DOCS, "check", "rules", RULES.getFileName().toString());
        assertEquals(check.output(), 0, check.exit());
        assertTrue(check.output(), check.output().contains("SUCCESS"));
        Processes.Result unit = Prometheus.promtool(DOCS, "test", "rules", "prometheus-rules.test.yml");
        assertEquals(unit.output(), 0, unit.exit());
        assertTrue(unit.output(), unit.output().contains("SUCCESS"));
    }

    @Test
    public void prometheusScrapesWithTheMonitorAccountAndIsRefusedWithout() throws Exception {
        Await.until("the authenticated target up", Duration.ofSeconds(30),
                () -> "up".equals(prometheus.target("conflux").path("health").asText()));
        JsonNode series = Await.until("Conflux's series with environment dev", Duration.ofSeconds(30), () -> {
            JsonNode s = prometheus.query("count by (environment, node) ({job=\"conflux\", environment=\"dev\"})");
            return s.isEmpty() ? null : s;
        });
        assertEquals(series.toString(), 1, series.size());
        assertFalse(series.toString(), series.get(0).path("metric").path("node").asText().isEmpty());

        Await.until("the anonymous scrape down", Duration.ofSeconds(30),
                () -> Double.valueOf(0).equals(prometheus.value("up{job=\"conflux-anonymous\"}")));
        JsonNode refused = prometheus.target("conflux-anonymous");
        assertEquals(refused.toString(), "down", refused.path("health").asText());
        assertTrue(refused.toString(), refused.path("lastError").asText().contains("401"));
        assertTrue("nothing of Conflux's scraped without credentials",
                prometheus.query("{job=\"conflux-anonymous\", environment=\"dev\"}").isEmpty());
    }

    @Test
    public void promqlSeesTheSampleFlowsExchangesAfterTenOrders() throws Exception {
        tenOrders();
        String exchanges = "sum(conflux_flow_exchanges_total{flow=\"" + SAMPLE_FLOW + "\"})";
        double after = Await.until("10 more exchanges of " + SAMPLE_FLOW + " in Prometheus (from " + exchangesBefore
                + ")", Duration.ofMinutes(1), () -> {
                    Double v = prometheus.value(exchanges);
                    return v != null && v >= exchangesBefore + 10 ? v : null;
                });
        assertTrue(exchanges + " = " + after, after >= 10);
    }

    @Test
    public void aPoisonMessageShowsInTheDeadLetterDepthAndFiresTheDeadLetterRule() throws Exception {
        poisonMessage();
        // 5 delivery attempts with back-off (etc/artemis.xml), then DLQ.prom.orders
        Await.until("DLQ depth 1 in Prometheus", Duration.ofMinutes(1), () -> Double.valueOf(1).equals(
                prometheus.value("sum(conflux_deadletter_messages{queue=\"DLQ.prom.orders\"})")));
        long seen = System.nanoTime();
        JsonNode alert = Await.until("ConfluxDeadLetters firing for prom.orders", Duration.ofMinutes(1), () -> {
            for (JsonNode a : prometheus.api("/api/v1/alerts").path("data").path("alerts")) {
                JsonNode labels = a.path("labels");
                if ("ConfluxDeadLetters".equals(labels.path("alertname").asText())
                        && "prom.orders".equals(labels.path("queue").asText())
                        && "firing".equals(a.path("state").asText())) {
                    return a;
                }
            }
            return null;
        });
        System.out.printf("ConfluxDeadLetters firing %.1f s after Prometheus saw the dead letter%n",
                (System.nanoTime() - seen) / 1e9);
        assertEquals("critical", alert.path("labels").path("severity").asText());
        assertEquals("dev", alert.path("labels").path("environment").asText());
        assertTrue(alert.toString(), alert.path("annotations").path("summary").asText()
                .startsWith("Dead letters from queue prom.orders on "));
    }

    @Test
    public void everyRuleEvaluatesWithoutErrorOnLiveData() throws Exception {
        List<String> notOk = Await.until("every rule evaluated", Duration.ofMinutes(1), () -> {
            List<String> pending = new ArrayList<>();
            int rules = 0;
            for (JsonNode group : prometheus.api("/api/v1/rules").path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules++;
                    if (!"ok".equals(rule.path("health").asText())) {
                        pending.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            return rules > 0 && pending.isEmpty() ? pending : null;
        });
        assertTrue(notOk.toString(), notOk.isEmpty());
    }

    /** A file connector instance, as an operator adds one: etc/conflux.connector.file-prom-drop.cfg. */
    static void connectorInstance() throws Exception {
        Path etc = CONFLUX.home().toPath().resolve("etc");
        Path tmp = etc.resolve(".conflux.connector.file-prom-drop.cfg.tmp");
        Files.writeString(tmp, "directory = " + CONFLUX.home().toPath().resolve("data/prom-drop") + "\n");
        Files.move(tmp, etc.resolve("conflux.connector.file-prom-drop.cfg"), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    public void everyDashboardQueryIsValidAndEveryPanelShowsData() throws Exception {
        tenOrders();
        poisonMessage();
        connectorInstance();
        Await.until("the dead letter", Duration.ofMinutes(1),
                () -> prometheus.value("conflux_deadletter_messages{queue=\"DLQ.prom.orders\"} == 1") != null);
        JsonNode dashboard = Http.JSON.readTree(Files.readString(DASHBOARD));
        assertEquals("the datasource is an import input", "DS_PROMETHEUS",
                dashboard.path("__inputs").get(0).path("name").asText());
        JsonNode environments = prometheus.api("/api/v1/label/environment/values?match[]=conflux_broker_up");
        assertTrue("the environment variable offers dev: " + environments,
                environments.path("data").toString().contains("\"dev\""));

        List<String> empty = new ArrayList<>();
        int queries = 0;
        String row = "";
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                row = panel.path("title").asText();
                continue;
            }
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$environment", ".*").replace("$node", ".*")
                        .replace("$__rate_interval", "1m");
                String what = row + " / " + panel.path("title").asText() + ": " + expr;
                prometheus.query(expr); // valid PromQL that Prometheus evaluates, or an AssertionError naming it
                queries++;
                try {
                    Await.until(what, Duration.ofSeconds(30), () -> !prometheus.query(expr).isEmpty());
                } catch (AssertionError noData) {
                    empty.add(what);
                }
                System.out.println("dashboard: " + row + " / " + panel.path("title").asText() + ": "
                        + prometheus.query(expr).size() + " series");
            }
        }
        assertTrue("queries found: " + queries, queries >= 30);
        assertTrue("panels without data:\n" + String.join("\n", empty), empty.isEmpty());
    }
}
