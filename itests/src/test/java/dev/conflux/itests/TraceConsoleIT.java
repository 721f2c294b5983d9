package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The console's Trace page in a real browser (src/test/e2e/trace.mjs, like ConsoleUiIT): an order from outside the
 * container fails in its flow and is dead-lettered; the operator finds it by its business key, follows the trace to
 * the dead letter, retries it there and sees the retry, with the operator's name and audit entry, in the trace; the
 * viewer may search too, in the console and with conflux:trace over SSH. What the browser did is checked on the
 * server. Screenshots in target/screenshots.
 */
public class TraceConsoleIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();

    static final String TRACES = "conflux:type=traces";
    static final String IN = "tui.orders";
    static final String OUT = "tui.out";
    static final String DLQ = "DLQ." + IN;
    static final String KEY = "ORDER-4711";

    static Jolokia admin;
    static Jms jms;

    @BeforeClass
    public static void ready() throws Exception {
        ConsoleUiIT.installPlaywright();
        admin = CONFLUX.admin();
        jms = CONFLUX.jms();
    }

    /** What conflux:type=traces answers for a key: the newest trace, or null. */
    static JsonNode trace(String key) throws Exception {
        JsonNode t = Http.JSON.readTree(admin.exec(TRACES, "trace", key).asText());
        return t == null || t.isNull() ? null : t;
    }

    static boolean hasHop(JsonNode trace, String kind) {
        if (trace == null) {
            return false;
        }
        for (JsonNode h : trace.path("hops")) {
            if (kind.equals(h.path("kind").asText())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode hop(JsonNode trace, String kind) {
        for (JsonNode h : trace.path("hops")) {
            if (kind.equals(h.path("kind").asText())) {
                return h;
            }
        }
        throw new AssertionError("no " + kind + " hop in " + trace);
    }

    /** An order as a client outside Conflux sends it: JMS with the business key as a property. */
    static void sendOrder(String key, String body) throws Exception {
        try (Session s = jms.connection().createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue(IN));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage m = s.createTextMessage(body);
            m.setStringProperty("ConfluxBusinessKey", key);
            p.send(m);
        }
    }

    @Test
    public void anOperatorFollowsATraceToItsDeadLetterRetriesItAndSeesTheRetryInTheTrace() throws Exception {
        OrderFlows.deploy(CONFLUX, admin, "tui-orders", OrderFlows.yaml("tui-orders", IN, OUT, "${body} contains 'poison'"), 1);
        sendOrder(KEY, "poison " + KEY);
        Await.until("the order's trace shows it dead-lettered", Duration.ofMinutes(1),
                () -> hasHop(trace(KEY), "DEAD_LETTERED"));
        OrderFlows.deploy(CONFLUX, admin, "tui-orders", OrderFlows.yaml("tui-orders", IN, OUT, "${body} contains 'never'"), 2);

        String output = ConsoleUiIT.run(List.of("node", "trace.mjs"), Map.ofEntries(
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("SCREENSHOTS", ConsoleUiIT.SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", ConsoleUiIT.chromium()),
                Map.entry("KEY", KEY),
                Map.entry("DLQ", DLQ),
                Map.entry("OPERATOR_USER", ConfluxDistribution.OPERATOR),
                Map.entry("OPERATOR_PASSWORD", ConfluxDistribution.OPERATOR_PASSWORD),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD)), Duration.ofMinutes(5));
        assertTrue(output, output.contains("TRACE OK"));

        // What the browser did, checked on the server: the order was retried by the operator, taken by the fixed
        // flow after that (the retry's hop first), put on the output queue, where it waits, and delivered once.
        JsonNode done = trace(KEY);
        assertEquals(done.toString(), "WAITING", done.path("position").path("state").asText());
        assertEquals(done.toString(), OUT, done.path("position").path("where").asText());
        assertEquals("poison " + KEY, jms.receive(OUT, 10_000));
        JsonNode retried = hop(done, "RETRIED");
        assertEquals(ConfluxDistribution.OPERATOR, retried.path("actor").asText());
        assertEquals(IN, retried.path("target").asText());
        JsonNode entry = new SupportStaff(CONFLUX).auditEntry("deadletter.retry", DLQ);
        assertEquals(entry.path("seq").asText(), retried.path("auditId").asText());

        // The same trace in the shell, as a viewer (the lowest role) sees it over SSH.
        Shell viewer = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        String timeline = viewer.run("conflux:trace " + KEY);
        assertTrue(timeline, timeline.contains("key " + KEY));
        assertTrue(timeline, timeline.contains("DEAD_LETTERED") && timeline.contains(DLQ));
        assertTrue(timeline, timeline.contains("RETRIED") && timeline.contains(
                "by " + ConfluxDistribution.OPERATOR + " (audit #" + entry.path("seq").asText() + ")"));
        assertTrue(timeline, timeline.indexOf("DEAD_LETTERED") < timeline.indexOf("RETRIED"));
        assertTrue(timeline, timeline.contains("\nNow: "));
        String failed = viewer.run("conflux:trace-search --failed --since 1h");
        assertTrue(failed, failed.contains(KEY) && failed.contains(trace(KEY).path("traceId").asText()));
        assertTrue(viewer.run("conflux:trace-stats"), viewer.run("conflux:trace-stats").contains("embedded"));
        String refused = viewer.run("conflux:trace-search --since yesterday");
        assertTrue(refused, refused.contains("'yesterday' is not a time range"));
        assertTrue(refused, !refused.contains("Exception"));

        for (String page : List.of("trace-dead-letter", "trace-retried", "trace-search")) {
            Path shot = ConsoleUiIT.SCREENSHOTS.resolve(page + ".png");
            assertTrue(shot + " saved", Files.isRegularFile(shot) && Files.size(shot) > 10_000);
        }
    }
}
