package dev.conflux.itests;

import static dev.conflux.itests.SupportStaff.DEAD_LETTERS;
import static dev.conflux.itests.TraceOrderFlows.CALL_LINE;
import static dev.conflux.itests.TraceOrderFlows.DLQ;
import static dev.conflux.itests.TraceOrderFlows.IN_FLOW;
import static dev.conflux.itests.TraceOrderFlows.OUT_FLOW;
import static dev.conflux.itests.TraceOrderFlows.QUEUE;
import static dev.conflux.itests.Traces.hops;
import static dev.conflux.itests.Traces.inOrder;
import static dev.conflux.itests.Traces.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.AfterClass;
import org.junit.Test;

/**
 * Message tracing end to end, the same scenarios on each trace store (a subclass per store boots the distribution
 * with it): an order taken over REST by one flow and put on a queue, consumed by a second flow that calls a partner's
 * HTTP service (a real server of the test's, through an http connector instance) and writes a file. Support staff
 * find it by its order id, trace id or JMS message id over the shell and the MBean the console uses.
 */
public abstract class TracingScenarios {

    static final String CONSUMER = "trace-client";
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();

    static ConfluxDistribution conflux;
    static SupportStaff staff;
    static Traces traces;
    static TracePartner partner;
    static Path outbox;
    static final Http HTTP = new Http();

    /** Called by each subclass's {@code @BeforeClass}: the partner, its connector instance and the two flows. */
    static void deployFlows(ConfluxDistribution distribution) throws Exception {
        conflux = distribution;
        staff = new SupportStaff(conflux);
        traces = new Traces(conflux, staff.viewer);
        Await.until("the traces MBean", Duration.ofMinutes(1), () -> traces.stats() != null);
        partner = new TracePartner();
        outbox = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "trace-outbox-");
        TraceOrderFlows.deploy(conflux, staff.admin, partner.baseUrl(), outbox);
    }

    @AfterClass
    public static void closePartner() {
        if (partner != null) {
            partner.close();
        }
    }

    static String newOrderId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String order(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":3}";
    }

    static HttpResponse<String> post(String body, String... headers) throws Exception {
        String[] all = Stream.concat(Stream.of("Authorization", Http.basic(CONSUMER, CONSUMER_PASSWORD)),
                Stream.of(headers)).toArray(String[]::new);
        return HTTP.post(conflux.servicesUrl() + "/api/trace-orders", "application/json", body, all);
    }

    static void postOrder(String body, String... headers) throws Exception {
        HttpResponse<String> r = post(body, headers);
        assertEquals(r.body(), 202, r.statusCode());
    }

    static Path awaitOutboxFile(String orderId) throws Exception {
        return TraceOrderFlows.awaitOutboxFile(outbox, orderId);
    }

    static long outboxFiles() throws Exception {
        return TraceOrderFlows.outboxFiles(outbox);
    }

    /** True for the hop of the second flow's call to the partner, as the connector instance or its URL. */
    static boolean partnerCall(JsonNode hop) {
        String target = hop.path("target").asText();
        return is(hop, "CALLED", OUT_FLOW) && (target.contains("trace-partner") || target.contains(":" + partner.port()));
    }

    static boolean fileWrite(JsonNode hop) {
        return is(hop, "CALLED", OUT_FLOW) && hop.path("target").asText().startsWith("file:");
    }

    // ---- the scenarios --------------------------------------------------------------------------------------

    @Test
    public void anOrderIsFoundByItsKeyWithEveryHopInOrderAndTheTraceIdThePartnerReceived() throws Exception {
        String orderId = newOrderId("T");
        HttpResponse<String> accepted = post(order(orderId));
        assertEquals(accepted.body(), 202, accepted.statusCode());
        assertEquals("the runtime's own headers stay out of the REST response", List.of(), accepted.headers().map()
                .keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                .filter(List.of("traceparent", "confluxconsumer", "confluxbusinesskey")::contains).toList());
        awaitOutboxFile(orderId);
        TracePartner.Call call = partner.awaitCall(orderId);
        assertNotNull("the partner received a traceparent header", call.traceId());

        JsonNode trace = traces.awaitCompleted(orderId, OUT_FLOW);
        assertEquals("the trace id the partner received", call.traceId(), trace.path("traceId").asText());
        List<JsonNode> hops = inOrder(trace,
                h -> is(h, "RECEIVED", IN_FLOW),
                h -> is(h, "SENT", IN_FLOW),
                h -> is(h, "CONSUMED", OUT_FLOW),
                TracingScenarios::partnerCall,
                TracingScenarios::fileWrite,
                h -> is(h, "COMPLETED", OUT_FLOW));
        JsonNode received = hops.get(0);
        assertTrue(received.toString(), received.path("target").asText().contains("/api/trace-orders"));
        assertEquals("the consumer identity of the request", CONSUMER, received.path("actor").asText());
        assertTrue(hops.get(1).toString(), hops.get(1).path("target").asText().contains(QUEUE));
        JsonNode consumed = hops.get(2);
        assertTrue(consumed.toString(), consumed.path("target").asText().contains(QUEUE));
        assertTrue("the time it waited in the queue: " + consumed, consumed.path("waitedMillis").asLong() >= 0);
        assertEquals(consumed.toString(), 1, consumed.path("attempt").asInt());
        assertTrue(consumed.toString(), consumed.path("messageId").asText().startsWith("ID:"));
        JsonNode called = hops.get(3);
        assertEquals(called.toString(), "ok", called.path("outcome").asText());
        assertTrue("the call's duration: " + called, called.path("durationMillis").asLong() >= 0);
        for (JsonNode h : hops(trace)) {
            assertEquals(h.toString(), call.traceId(), h.path("traceId").asText());
            assertFalse("each hop names its node: " + h, h.path("node").asText().isEmpty());
            assertFalse("each hop has its time: " + h, h.path("time").asText().isEmpty());
            if (!Traces.text(h, "flow").isEmpty()) {
                assertEquals("the flow's key travels with the trace: " + h, orderId, h.path("businessKey").asText());
                assertEquals(h.toString(), "1", h.path("revision").asText());
            }
        }
        String state = trace.path("position").path("state").asText();
        assertTrue(trace.path("position").toString(), state.equals("DELIVERED") || state.equals("COMPLETED"));

        // The same trace by its trace id and by the JMS message id of its queue hop; a search lists it.
        assertEquals(call.traceId(), traces.trace(call.traceId()).path("traceId").asText());
        assertEquals(call.traceId(), traces.trace(consumed.path("messageId").asText()).path("traceId").asText());
        JsonNode found = traces.search(orderId, "", "1h", false, 10);
        assertEquals(found.toString(), List.of(call.traceId()), Traces.traceIds(found));
        assertFalse(found.get(0).path("failed").asBoolean());
        assertTrue("nothing failed in the last hour for this key", traces.search(orderId, "", "1h", true, 10).isEmpty());

        // The shell prints the same timeline, in order, and where the order is now.
        String shell = conflux.shell().run("conflux:trace " + orderId);
        assertTrue(shell, shell.contains(call.traceId()));
        assertTrue(shell, shell.contains("Now:"));
        int at = -1;
        for (String kind : List.of("RECEIVED", "SENT", "CONSUMED", "CALLED", "COMPLETED")) {
            int next = shell.toUpperCase().indexOf(kind, at + 1);
            assertTrue(kind + " after position " + at + " in:\n" + shell, next > at);
            at = next;
        }
        assertTrue(shell, shell.contains(QUEUE));
    }

    @Test
    public void anIncomingTraceparentIsContinuedNotReplaced() throws Exception {
        String orderId = newOrderId("C");
        HexFormat hex = HexFormat.of();
        byte[] id = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        ThreadLocalRandom.current().nextBytes(span);
        id[0] |= 1;
        span[0] |= 1;
        String traceId = hex.formatHex(id);
        String parentSpan = hex.formatHex(span);
        postOrder(order(orderId), "traceparent", "00-" + traceId + "-" + parentSpan + "-01");

        TracePartner.Call call = partner.awaitCall(orderId);
        assertEquals("the partner got the caller's trace", traceId, call.traceId());
        assertNotEquals("with a span of Conflux's own", parentSpan, call.spanId());
        JsonNode trace = traces.awaitCompleted(orderId, OUT_FLOW);
        assertEquals(traceId, trace.path("traceId").asText());
        assertEquals(traceId, traces.trace(traceId).path("traceId").asText());
        JsonNode received = inOrder(trace, h -> is(h, "RECEIVED", IN_FLOW)).get(0);
        assertEquals("the request's span is the parent of the first hop", parentSpan,
                received.path("parentSpanId").asText());
    }

    @Test
    public void aPoisonOrderShowsItsFailuresTheDeadLetteringTheOperatorsRetryAndTheFinalCompletion() throws Exception {
        String orderId = newOrderId("P");
        partner.refuse(orderId);
        postOrder(order(orderId));

        JsonNode dead = traces.await(orderId, "dead-lettered", hops -> hops.stream().anyMatch(h -> is(h, "DEAD_LETTERED", null)));
        List<JsonNode> failures = inOrder(dead,
                h -> is(h, "CONSUMED", OUT_FLOW),
                h -> is(h, "FAILED", OUT_FLOW),
                h -> is(h, "REDELIVERED", OUT_FLOW),
                h -> is(h, "FAILED", OUT_FLOW),
                h -> is(h, "DEAD_LETTERED", null));
        JsonNode failed = failures.get(1);
        assertTrue("the failing step with its file and line: " + failed,
                failed.path("step").asText().contains(OUT_FLOW + ".yaml:" + CALL_LINE));
        assertFalse("the error message: " + failed, failed.path("error").asText().isEmpty());
        assertFalse("no stack trace: " + failed, failed.path("error").asText().contains("\tat "));
        assertTrue(failures.get(2).toString(), failures.get(2).path("attempt").asInt() >= 2);
        JsonNode deadLettered = failures.get(4);
        assertEquals(DLQ, deadLettered.path("target").asText());
        assertEquals("the broker's max-delivery-attempts", 5, deadLettered.path("attempt").asInt());
        assertTrue(hops(dead).stream().anyMatch(h -> is(h, "CALLED", OUT_FLOW) && !"ok".equals(h.path("outcome").asText())));
        JsonNode position = Await.until("the position in the DLQ", Duration.ofSeconds(30), () -> {
            JsonNode p = traces.trace(orderId).path("position");
            return "DEAD_LETTERED".equals(p.path("state").asText()) ? p : null;
        });
        assertTrue(position.toString(), position.path("text").asText().contains(DLQ));
        assertTrue(Traces.traceIds(traces.search(orderId, OUT_FLOW, "1h", true, 10))
                .contains(dead.path("traceId").asText()));

        // The partner is fixed; an operator retries the dead letter from the console (the DeadLetters MBean).
        partner.accept(orderId);
        JsonNode letter = Await.until("the dead letter", Duration.ofSeconds(30), () -> staff.deadLetters(QUEUE).stream()
                .filter(d -> d.path("body").asText().contains(orderId)).findFirst().orElse(null));
        assertEquals(1, staff.operator.exec(DEAD_LETTERS, "retry", DLQ,
                new String[] {letter.path("messageId").asText()}).asInt());
        awaitOutboxFile(orderId);
        long seq = staff.auditEntry("deadletter.retry", DLQ).path("seq").asLong();

        JsonNode done = traces.await(orderId, "completed after the retry", hops -> hops.stream()
                .anyMatch(h -> is(h, "RETRIED", null)) && is(hops.get(hops.size() - 1), "COMPLETED", OUT_FLOW));
        assertEquals(dead.path("traceId").asText(), done.path("traceId").asText());
        List<JsonNode> after = inOrder(done,
                h -> is(h, "DEAD_LETTERED", null),
                h -> is(h, "RETRIED", null),
                TracingScenarios::partnerCall,
                h -> is(h, "COMPLETED", OUT_FLOW));
        JsonNode retried = after.get(1);
        assertEquals("the operator's name", ConfluxDistribution.OPERATOR, retried.path("actor").asText());
        assertEquals("the audit entry", String.valueOf(seq), retried.path("auditId").asText());
        assertEquals(QUEUE, retried.path("target").asText());
        assertEquals("ok", after.get(2).path("outcome").asText());
        String state = done.path("position").path("state").asText();
        assertTrue(done.path("position").toString(), state.equals("DELIVERED") || state.equals("COMPLETED"));
    }

    @Test
    public void aMessageFromOutsideOverAmqpGetsATraceFoundByItsJmsMessageId() throws Exception {
        String orderId = newOrderId("Q");
        String messageId;
        try (Connection c = new JmsConnectionFactory("amqp://127.0.0.1:" + conflux.amqpPort)
                .createConnection(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage m = s.createTextMessage(order(orderId));
            p.send(m);
            messageId = m.getJMSMessageID();
        }
        awaitOutboxFile(orderId);
        TracePartner.Call call = partner.awaitCall(orderId);

        JsonNode trace = traces.awaitCompleted(orderId, OUT_FLOW);
        assertEquals("the trace the broker started travelled on to the partner", call.traceId(),
                trace.path("traceId").asText());
        JsonNode byMessageId = traces.trace(messageId);
        assertNotNull("found by the JMS message id its sender saw, " + messageId + ": " + Traces.timeline(trace),
                byMessageId);
        assertEquals(trace.path("traceId").asText(), byMessageId.path("traceId").asText());
        JsonNode received = inOrder(trace,
                h -> is(h, "RECEIVED", null) && Traces.text(h, "flow").isEmpty(),
                h -> is(h, "CONSUMED", OUT_FLOW),
                h -> is(h, "COMPLETED", OUT_FLOW)).get(0);
        assertTrue(received.toString(), received.path("target").asText().contains(QUEUE));
        assertEquals("the producer's broker account", ConfluxDistribution.ADMIN, received.path("actor").asText());
    }

    @Test
    public void aCapturedBodyNeverHoldsTheMaskedCardNumber() throws Exception {
        String orderId = newOrderId("M");
        String card = "4" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
        String holder = "holder-" + UUID.randomUUID();
        postOrder("{\"orderId\":\"" + orderId + "\",\"card\":{\"number\":\"" + card + "\",\"holder\":\"" + holder
                + "\"},\"item\":\"widget\",\"quantity\":1}");
        assertTrue("the partner got the real order", partner.awaitCall(orderId).body().contains(card));

        JsonNode trace = traces.awaitCompleted(orderId, OUT_FLOW);
        List<JsonNode> captured = inOrder(trace, h -> is(h, "RECEIVED", IN_FLOW), h -> is(h, "CONSUMED", OUT_FLOW));
        for (JsonNode h : captured) {
            String payload = Traces.text(h, "payload");
            assertTrue("the body is captured: " + h, payload.contains(holder));
            assertTrue("the card number masked: " + payload, payload.contains("***"));
            assertFalse(payload, payload.contains(card));
        }
        assertFalse("the console's answer", traces.traceAnswer(orderId).contains(card));
        assertFalse("the console's search", traces.search(orderId, "", "1h", false, 10).toString().contains(card));
        assertFalse("the shell", conflux.shell().run("conflux:trace " + orderId).contains(card));
        assertStoreNeverHolds(card, holder);
    }

    /**
     * Restarting the tracing bundle (store closed, opened again from disk or the database) keeps the traces and
     * recording goes on. Retention: with {@code retention.maxEvents} at its smallest (1000) and a store holding more
     * (a timer flow's hops), the oldest events go within seconds and the newest trace stays whole.
     */
    @Test
    public void tracesSurviveARestartAndRetentionRemovesTheOldestFirst() throws Exception {
        String first = newOrderId("R");
        postOrder(order(first));
        JsonNode before = traces.awaitCompleted(first, OUT_FLOW);

        long bundle = staff.admin.bundleId("dev.conflux.tracing");
        staff.admin.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(bundle));
        JsonNode after = Await.until("the trace after the restart", Duration.ofMinutes(1), () -> traces.trace(first));
        assertEquals(before.path("traceId").asText(), after.path("traceId").asText());
        assertEquals(Traces.kinds(before), Traces.kinds(after));

        String second = newOrderId("R");
        Await.until("orders taken again after the restart", Duration.ofMinutes(1), () -> post(order(second)).statusCode() == 202);
        JsonNode secondTrace = traces.awaitCompleted(second, OUT_FLOW);
        assertNotEquals(before.path("traceId").asText(), secondTrace.path("traceId").asText());

        // More events than the retention limit will keep, newer than both orders: a timer's exchanges.
        long stored = traces.stats().path("events").asLong();
        OrderFlows.deploy(conflux, staff.admin, "trace-ticks", """
                - route:
                    id: trace-ticks
                    from:
                      uri: timer:trace-ticks?delay=0&period=1&repeatCount=1100
                      steps:
                        - setBody:
                            constant: tick
                """, 1);
        Await.until("the ticks' hops stored", Duration.ofSeconds(60),
                () -> traces.stats().path("events").asLong() >= stored + 1050);
        Files.delete(conflux.home().toPath().resolve("flows/trace-ticks.yaml"));
        String third = newOrderId("R");
        postOrder(order(third));
        int thirdHops = hops(traces.awaitCompleted(third, OUT_FLOW)).size();

        String cfg = traces.configure(Map.of("retention.maxEvents", "1000", "retention.checkSeconds", "1"));
        try {
            JsonNode stats = Await.until("retention down to 1000 events", Duration.ofSeconds(60), () -> {
                JsonNode s = traces.stats();
                return s.path("events").asLong() <= 1000 ? s : null;
            });
            assertTrue(stats.toString(), stats.path("events").asLong() >= thirdHops);
            assertNull("the oldest trace is gone", traces.trace(first));
            assertNull("and the next one", traces.trace(second));
            assertEquals("the newest trace stays whole", thirdHops, hops(traces.trace(third)).size());
        } finally {
            traces.restore(cfg);
        }
    }

    /** What the store itself holds (the database file, the table), beyond what the MBean answers. */
    protected abstract void assertStoreNeverHolds(String masked, String captured) throws Exception;
}
