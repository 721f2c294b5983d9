package dev.conflux.alerts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.Alert.State;
import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.channel.Notification;
import dev.conflux.alerts.channel.Notification.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AlertEngineTest {

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FakeSources sources = new FakeSources();
    private final List<Notification> sent = new ArrayList<>();
    private final List<List<String>> sentTo = new ArrayList<>();
    private final Texts.Origin origin = new Texts.Origin("dev", "root", "http://127.0.0.1:8181/hawtio");
    private final List<RuleParser.Parsed> rules = new ArrayList<>();
    private AlertEngine engine = engine(null);

    private AlertEngine engine(AlertStore store) {
        return new AlertEngine(clock, sources, (n, channels) -> {
            sent.add(n);
            sentTo.add(channels);
        }, store, origin);
    }

    private void rule(String name, String... keyValues) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        rules.add(RuleParser.parse(name, "etc/conflux.alert-" + name + ".cfg", raw, List.of("log", "ops")));
        engine.setRules(rules);
    }

    /** Evaluates, then moves the clock on by the interval. */
    private void tick(Duration d) {
        engine.evaluate();
        clock.advance(d);
    }

    private Alert only() {
        assertEquals(1, engine.active().size());
        return engine.active().get(0);
    }

    private List<Event> events() {
        return sent.stream().map(Notification::event).toList();
    }

    @Test
    public void aBacklogIsPendingForItsForDurationThenFiresRepeatsAndResolves() {
        rule("backlog", "kind", "queue-depth", "queue", "*", "threshold", "100", "for", "5m", "repeat", "1h",
                "channels", "log,ops", "description", "Orders pile up");
        sources.queue("orders", 50, 1000);
        tick(Duration.ofMinutes(1));
        assertTrue("below the threshold", engine.active().isEmpty());

        sources.queue("orders", 150, 60_000);
        tick(Duration.ofMinutes(4));
        Alert pending = only();
        assertEquals("backlog/orders", pending.id());
        assertEquals(State.PENDING, pending.state());
        assertEquals(Instant.parse("2026-12-01T10:01:00Z"), pending.since());
        assertNull(pending.firingSince());
        assertTrue("nothing sent while pending", sent.isEmpty());

        tick(Duration.ofMinutes(1)); // 4 minutes held
        assertEquals(State.PENDING, only().state());
        sources.queue("orders", 180, 60_000);
        tick(Duration.ofMinutes(1)); // 5 minutes held: fires
        Alert firing = only();
        assertEquals(State.FIRING, firing.state());
        assertEquals("180 messages", firing.value());
        assertEquals("#/conflux?tab=queues", firing.link());
        assertEquals(List.of(Event.FIRING), events());
        assertEquals(List.of("log", "ops"), sentTo.get(0));
        Notification n = sent.get(0);
        assertTrue(n.title(), n.title().contains("[FIRING] warning: backlog - queue orders holds 180 messages"));
        for (String part : List.of("Orders pile up", "Where: orders on dev/root", "Since: 2026-12-01T10:06:00Z",
                "Current value: 180 messages", "Console: http://127.0.0.1:8181/hawtio/#/conflux?tab=queues")) {
            assertTrue(part + " in\n" + n.text(), n.text().contains(part));
        }

        for (int i = 0; i < 59; i++) {
            tick(Duration.ofMinutes(1));
        }
        assertEquals("one alert per id, not one per evaluation", List.of(Event.FIRING), events());
        tick(Duration.ofMinutes(1));
        assertEquals("repeated after an hour", List.of(Event.FIRING, Event.REPEAT), events());

        sources.queue("orders", 3, 100);
        tick(Duration.ofMinutes(1));
        assertTrue(engine.active().isEmpty());
        assertEquals(List.of(Event.FIRING, Event.REPEAT, Event.RESOLVED), events());
        Alert resolved = engine.history(10).get(0);
        assertEquals(State.RESOLVED, resolved.state());
        assertNotNull(resolved.resolvedAt());
        assertTrue(sent.get(2).text().startsWith("Resolved: "));
    }

    @Test
    public void anAcknowledgedAlertIsNotRepeatedButStillResolvesWithANotification() {
        rule("stale", "kind", "queue-age", "queue", "orders", "maxAge", "15m", "repeat", "30m");
        sources.queue("orders", 3, Duration.ofMinutes(20).toMillis());
        tick(Duration.ofMinutes(1));
        assertEquals(State.FIRING, only().state());
        Alert acked = engine.acknowledge("stale/orders", "restarting the consumer", "shell:ops1");
        assertEquals("shell:ops1", acked.acknowledgedBy());
        assertEquals("restarting the consumer", acked.acknowledgeComment());
        for (int i = 0; i < 120; i++) {
            tick(Duration.ofMinutes(1));
        }
        assertEquals(List.of(Event.FIRING), events());
        assertEquals("shell:ops1", only().acknowledgedBy());
        sources.queue("orders", 0, -1);
        tick(Duration.ofMinutes(1));
        assertEquals(List.of(Event.FIRING, Event.RESOLVED), events());
        try {
            engine.acknowledge("stale/orders", null, "shell:ops1");
            fail("a resolved alert cannot be acknowledged");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no active alert 'stale/orders'"));
        }
    }

    @Test
    public void deadLettersFireAtOnceStayWhileAnyRemainAndResolveWhenNoneRemain() {
        rule("dead-letters", "kind", "dead-letters", "queue", "*", "threshold", "1", "window", "5m",
                "severity", "critical");
        sources.deadLetters("old", 4, 4); // there before: not new
        tick(Duration.ofSeconds(5));
        assertTrue(engine.active().isEmpty());

        sources.deadLetters("orders", 1, 1); // DLQ.orders created by its first dead letter
        tick(Duration.ofSeconds(5));
        Alert a = only();
        assertEquals("dead-letters/orders", a.id());
        assertEquals(State.FIRING, a.state());
        assertEquals("critical", a.severity());
        assertEquals("#/conflux?tab=deadletters", a.link());
        assertTrue(a.summary(), a.summary().startsWith("1 new dead letter of queue orders within 5m0"));

        for (int i = 0; i < 20; i++) {
            tick(Duration.ofMinutes(1)); // past the window: still there, still firing
        }
        assertEquals(State.FIRING, only().state());
        assertEquals(List.of(Event.FIRING), events());

        sources.deadLetters("orders", 0, 1); // retried successfully
        tick(Duration.ofSeconds(5));
        assertTrue(engine.active().isEmpty());
        assertEquals(List.of(Event.FIRING, Event.RESOLVED), events());
    }

    @Test
    public void deadLettersRetriedWithinTheWindowResolveAtOnce() {
        rule("dead-letters", "kind", "dead-letters", "queue", "*", "threshold", "1", "window", "5m");
        tick(Duration.ofSeconds(5));
        sources.deadLetters("orders", 1, 1);
        tick(Duration.ofSeconds(5));
        assertEquals(State.FIRING, only().state());

        sources.deadLetters("orders", 0, 1); // retried 10 s after it arrived, well within the window
        tick(Duration.ofSeconds(5));
        assertTrue(engine.active().isEmpty());
        assertEquals(List.of(Event.FIRING, Event.RESOLVED), events());
    }

    @Test
    public void aSilencedRuleIsEvaluatedButNotifiesNobodyUntilLifted() {
        rule("dead-letters", "kind", "dead-letters", "queue", "*");
        AlertRule silenced = engine.silence("dead-letters", Duration.ofHours(2), "maintenance", "jmx:ops1");
        assertEquals(AlertRule.Status.SILENCED, silenced.status());
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), silenced.silencedUntil());
        assertEquals("maintenance", silenced.silenceReason());
        tick(Duration.ofSeconds(5));
        sources.deadLetters("orders", 2, 2);
        tick(Duration.ofSeconds(5));
        assertEquals(State.FIRING, only().state());
        assertTrue(only().silenced());
        assertTrue(sent.isEmpty());

        engine.unsilence("dead-letters", "jmx:ops1");
        tick(Duration.ofSeconds(5));
        assertEquals("told once the silence is lifted", List.of(Event.FIRING), events());
        assertFalse(only().silenced());
        try {
            engine.silence("dead-leters", Duration.ofHours(1), "x", "jmx:ops1");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("(did you mean 'dead-letters'?)"));
        }
        try {
            engine.silence("dead-letters", Duration.ofHours(1), " ", "jmx:ops1");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("a silence needs a reason", e.getMessage());
        }
    }

    @Test
    public void aSilenceEndsByItself() {
        rule("backlog", "kind", "queue-depth", "queue", "q", "threshold", "0");
        engine.silence("backlog", Duration.ofMinutes(30), "deploying", "shell:ops1");
        sources.queue("q", 5, 10);
        tick(Duration.ofMinutes(31));
        assertTrue(sent.isEmpty());
        tick(Duration.ofSeconds(5));
        assertEquals(List.of(Event.FIRING), events());
        assertEquals(AlertRule.Status.ACTIVE, engine.rules().get(0).status());
    }

    @Test
    public void failureRatioCountsWithinTheWindowAndNeedsItsMinimumCount() {
        rule("failures", "kind", "flow-failure-ratio", "flow", "*", "ratio", "0.05", "minCount", "20", "window", "5m");
        sources.flow("orders", "STARTED", 1000, 100); // history before the rule: not counted
        tick(Duration.ofMinutes(1));
        sources.flow("orders", "STARTED", 1010, 105); // 50% but only 10 exchanges
        tick(Duration.ofMinutes(1));
        assertTrue(engine.active().isEmpty());
        sources.flow("orders", "STARTED", 1030, 107); // 7 of 30 = 23%
        tick(Duration.ofMinutes(1));
        assertEquals("23.3% (7 of 30)", only().value());
        sources.flow("orders", "STARTED", 1530, 107); // 7 of 530
        tick(Duration.ofMinutes(1));
        assertTrue(engine.active().isEmpty());
        // the flow restarted: its counters begin again at 0 and count as new
        sources.flow("orders", "STARTED", 40, 40);
        tick(Duration.ofMinutes(1));
        assertEquals(State.FIRING, only().state());
    }

    @Test
    public void flowNotStartedFiresForFailedFlowsAndForANamedFlowThatIsNotStarted() {
        rule("not-started", "kind", "flow-not-started", "flow", "*", "for", "1m");
        rule("orders-down", "kind", "flow-not-started", "flow", "orders");
        sources.flow("orders", "STOPPED", 0, 0); // stopped by an operator
        sources.flow("billing", "FAILED", 0, 0);
        tick(Duration.ofMinutes(1));
        tick(Duration.ofSeconds(5));
        List<String> ids = engine.active().stream().map(Alert::id).toList();
        assertEquals("firing ones oldest first", List.of("not-started/billing", "orders-down/orders"), ids);
        sources.flows.clear();
        tick(Duration.ofSeconds(5));
        assertEquals("orders-down/orders", only().id());
        assertEquals("flow orders is not deployed", only().summary());
    }

    @Test
    public void slownessIsTheP95OfTheWindowFromHistogramBuckets() {
        rule("slow", "kind", "flow-slow", "flow", "orders", "p95", "2s", "window", "5m");
        double[] bounds = {0.1, 0.5, 1, 2.5, 5};
        sources.flowLatencies.add(new Sources.Histogram("orders", bounds, new long[] {1000, 1000, 1000, 1000, 1000},
                1000, 0));
        tick(Duration.ofMinutes(1));
        // 100 more: 10 fast, 90 between 2.5 and 5 seconds
        sources.flowLatencies.set(0, new Sources.Histogram("orders", bounds, new long[] {1010, 1010, 1010, 1010, 1100},
                1100, 0));
        tick(Duration.ofMinutes(1));
        Alert a = only();
        assertTrue(a.value(), a.value().startsWith("p95 4."));
        // five minutes later the slow ones are out of the window and only fast ones came
        sources.flowLatencies.set(0, new Sources.Histogram("orders", bounds, new long[] {1200, 1200, 1200, 1200, 1290},
                1290, 0));
        for (int i = 0; i < 6; i++) {
            tick(Duration.ofMinutes(1));
        }
        assertTrue(engine.active().isEmpty());
    }

    @Test
    public void endpointErrorRatioCountsFiveHundreds() {
        rule("errors", "kind", "endpoint-error-ratio", "endpoint", "*", "ratio", "0.1", "minCount", "10");
        tick(Duration.ofSeconds(5)); // no requests yet: no meters
        sources.endpointLatencies.add(new Sources.Histogram("/api/orders", new double[0], new long[0], 40, 8));
        tick(Duration.ofSeconds(5));
        assertEquals("errors//api/orders", only().id());
        assertEquals("20.0% (8 of 40)", only().value());
    }

    @Test
    public void silenceFiresWhenAFlowProcessesNothingWithinItsActiveHours() {
        // 2026-12-01 is a Tuesday; 10:00 UTC
        rule("quiet", "kind", "flow-silence", "flow", "orders", "idle", "30m", "activeHours", "Mon-Fri 08:00-18:00",
                "zone", "UTC");
        sources.flow("orders", "STARTED", 10, 0);
        for (int i = 0; i < 30; i++) {
            tick(Duration.ofMinutes(1)); // 10:00 to 10:29
        }
        assertTrue(engine.active().isEmpty());
        tick(Duration.ofMinutes(1));
        assertEquals("idle 30m00s", only().value());
        sources.flow("orders", "STARTED", 11, 0);
        tick(Duration.ofMinutes(1));
        assertTrue("resolved when the flow processes something", engine.active().isEmpty());
        clock.advance(Duration.ofHours(10)); // 20:31, outside the hours
        tick(Duration.ofMinutes(1));
        assertTrue(engine.active().isEmpty());
    }

    @Test
    public void connectorsDownAndCertificatesExpiring() {
        rule("connector-down", "kind", "connector-down", "connector", "*", "for", "5m");
        rule("certs", "kind", "certificate-expiry", "days", "30");
        sources.connectors.add(new Sources.Connector("crm", "DOWN", "connection refused"));
        sources.connectors.add(new Sources.Connector("erp", "UP", "ok"));
        sources.certificates.add(new Sources.Certificate("etc/tls/services.p12", "services", "CN=esb",
                Instant.parse("2026-12-20T00:00:00Z"), "service plane"));
        sources.certificates.add(new Sources.Certificate("etc/tls/other.p12", "far", "CN=x",
                Instant.parse("2028-01-01T00:00:00Z"), ""));
        tick(Duration.ofMinutes(5));
        tick(Duration.ofSeconds(5));
        assertEquals(List.of("certs", "connector-down/crm"), engine.active().stream().map(Alert::id).toList());
        Alert certs = engine.active().get(0);
        assertEquals("1 certificate", certs.value());
        assertTrue(certs.summary(), certs.summary().contains("services in etc/tls/services.p12 (service plane) expires"));
        assertEquals("#/conflux?tab=trust", certs.link());
        assertTrue(engine.active().get(1).summary().endsWith("is DOWN: connection refused"));
    }

    @Test
    public void aBadRuleOrAFailingSourceNeverStopsTheOthers() {
        rule("broken", "kind", "queue-depth", "queue", "*", "threshold", "-1");
        rule("queues", "kind", "queue-depth", "queue", "*", "threshold", "0");
        rule("flows", "kind", "flow-not-started", "flow", "*");
        sources.queuesFail = new IllegalStateException("broker restarting");
        sources.flow("billing", "FAILED", 0, 0);
        tick(Duration.ofSeconds(5));
        assertEquals("flows/billing", only().id());
        AlertRule broken = engine.rules().get(0);
        assertEquals(AlertRule.Status.INVALID, broken.status());
        assertTrue(broken.problem(), broken.problem().contains("etc/conflux.alert-broken.cfg: key 'threshold':"
                + " '-1' is negative"));
    }

    @Test
    public void activeAlertsSilencesAndHistorySurviveARestart() throws Exception {
        AlertStore store = new AlertStore(data.getRoot().toPath());
        engine = engine(store);
        rule("backlog", "kind", "queue-depth", "queue", "*", "threshold", "0");
        rule("stale", "kind", "queue-age", "queue", "*", "maxAge", "1m");
        sources.queue("a", 1, 120_000);
        tick(Duration.ofSeconds(5));
        engine.acknowledge("backlog/a", "looking", "shell:ops1");
        engine.silence("stale", Duration.ofHours(1), "known", "shell:ops1");
        sources.queue("a", 1, 10);
        tick(Duration.ofSeconds(5)); // stale/a resolves

        engine = engine(store);
        engine.setRules(rules);
        Alert backlog = only();
        assertEquals("backlog/a", backlog.id());
        assertEquals("shell:ops1", backlog.acknowledgedBy());
        assertEquals(State.FIRING, backlog.state());
        assertEquals("stale/a", engine.history(10).get(0).id());
        assertEquals(AlertRule.Status.SILENCED, engine.rules().get(1).status());
        int before = sent.size();
        tick(Duration.ofSeconds(5));
        assertEquals("no second FIRING after the restart", before, sent.size());
    }
}
