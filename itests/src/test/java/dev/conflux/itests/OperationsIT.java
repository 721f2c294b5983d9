package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExamServer;

/**
 * Support staff operating Conflux, server side: the same Jolokia requests the console's pages send, as a viewer, an
 * operator and an admin. Checks what each role may do (the server refuses, whatever a page shows), that a poison
 * message is dead-lettered with its reason and, once the cause is fixed, retried and delivered exactly once, and
 * that every action lands in the audit trail with who, from where and which messages.
 */
public class OperationsIT {

    static final ConfluxDistribution CONFLUX = new ConfluxDistribution();
    static final String QUEUES = "conflux:type=queues";
    static final String DEAD_LETTERS = "conflux:type=deadletters";
    static final String FLOWS = "conflux:type=flows";
    static final String AUDIT = "conflux:type=audit";

    @ClassRule
    public static final PaxExamServer EXAM = new PaxExamServer();

    static Jolokia viewer;
    static Jolokia operator;
    static Jolokia admin;
    static Jms jms;

    @Configuration
    public Option[] config() {
        return CONFLUX.withSupportUsers();
    }

    @BeforeClass
    public static void ready() throws Exception {
        new Console(CONFLUX).awaitReady();
        viewer = new Jolokia(CONFLUX, ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        operator = new Jolokia(CONFLUX, ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD);
        admin = new Jolokia(CONFLUX, ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD);
        Await.until("the queues MBean", Duration.ofMinutes(1), () -> viewer.read(QUEUES, "Queues") != null);
        jms = new Jms(CONFLUX);
    }

    @AfterClass
    public static void close() throws Exception {
        CONFLUX.keepLog(OperationsIT.class);
        if (jms != null) {
            jms.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static void deploy(String name, String in, String out, String failWhen, int revision) throws Exception {
        OrderFlows.deploy(CONFLUX, admin, name, OrderFlows.yaml(name, in, out, failWhen), revision);
    }

    static List<JsonNode> deadLetters(String originalQueue) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode d : viewer.read(DEAD_LETTERS, "DeadLetters")) {
            if (originalQueue.equals(d.path("originalQueue").asText())) {
                list.add(d);
            }
        }
        return list;
    }

    static JsonNode queue(String name) throws Exception {
        for (JsonNode q : viewer.read(QUEUES, "Queues")) {
            if (name.equals(q.path("name").asText())) {
                return q;
            }
        }
        return null;
    }

    static long depth(String name) throws Exception {
        JsonNode q = queue(name);
        return q == null ? 0 : q.path("messageCount").asLong();
    }

    static void assertRefused(JsonNode answer) {
        assertEquals("refused by the server: " + answer, 403, answer.path("status").asInt());
        assertTrue(answer.toString(), answer.path("error").asText().contains("forbidden"));
    }

    /** The newest audit entry of an action on a target. */
    static JsonNode auditEntry(String action, String target) throws Exception {
        for (JsonNode e : viewer.exec(AUDIT, "entries", 200)) {
            if (action.equals(e.path("action").asText()) && target.equals(e.path("target").asText())) {
                return e;
            }
        }
        throw new AssertionError("no audit entry " + action + " on " + target);
    }

    static List<String> items(JsonNode entry) {
        List<String> items = new ArrayList<>();
        entry.path("items").forEach(i -> items.add(i.asText()));
        return items;
    }

    static void assertCaller(JsonNode entry, Jolokia who) {
        assertEquals(entry.toString(), who.user(), entry.path("user").asText());
        // Karaf's login records the client: hawtio(127.0.0.1:port) for the console and Jolokia
        assertTrue(entry.toString(), entry.path("from").asText().contains("127.0.0.1"));
        assertFalse(entry.path("at").asText().isEmpty());
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    public void aPoisonMessageIsDeadLetteredWithItsReasonAndAfterTheFixRetriedAndDeliveredOnce() throws Exception {
        deploy("ops-orders", "ops.orders", "ops.orders.done", "${body} contains 'poison'", 1);
        jms.send("ops.orders", "order 1: poison");
        jms.send("ops.orders", "order 2");
        assertEquals("other messages keep flowing", "order 2", jms.receive("ops.orders.done", 30_000));

        // 5 delivery attempts with back-off (etc/artemis.xml), then DLQ.ops.orders
        JsonNode letter = Await.until("the poison message dead-lettered", Duration.ofMinutes(1), () -> {
            List<JsonNode> l = deadLetters("ops.orders");
            return l.size() == 1 ? l.get(0) : null;
        });
        assertEquals("DLQ.ops.orders", letter.path("queue").asText());
        assertEquals("order 1: poison", letter.path("body").asText());
        assertEquals("ops-orders", letter.path("flow").asText());
        assertEquals("ops-orders", letter.path("route").asText());
        assertTrue(letter.toString(), letter.path("step").asText().startsWith("throwException"));
        assertTrue(letter.toString(), letter.path("step").asText().contains("ops-orders.yaml:9"));
        assertEquals("java.lang.IllegalStateException", letter.path("exceptionType").asText());
        assertEquals("cannot process order 1: poison", letter.path("exceptionMessage").asText());
        assertEquals("the broker's max-delivery-attempts", 5, letter.path("deliveryAttempts").asInt());
        assertTrue(letter.path("jmsMessageId").asText().startsWith("ID:"));
        Instant first = Instant.parse(letter.path("firstFailure").asText());
        Instant last = Instant.parse(letter.path("lastFailure").asText());
        assertTrue("redelivery back-off between first and last failure", Duration.between(first, last).toMillis() >= 3000);
        String id = letter.path("messageId").asText();

        assertRefused(viewer.execAnswer(DEAD_LETTERS, "retry", "DLQ.ops.orders", new String[] {id}));
        assertEquals("a refused retry changes nothing", 1, deadLetters("ops.orders").size());

        deploy("ops-orders", "ops.orders", "ops.orders.done", "${body} contains 'never'", 2);
        assertEquals(1, operator.exec(DEAD_LETTERS, "retry", "DLQ.ops.orders", new String[] {id}).asInt());

        assertEquals("order 1: poison", jms.receive("ops.orders.done", 30_000));
        assertNull("delivered exactly once", jms.receive("ops.orders.done", 3_000));
        Await.until("the dead letter gone", Duration.ofSeconds(30), () -> deadLetters("ops.orders").isEmpty());
        assertEquals(0, depth("DLQ.ops.orders"));
        assertEquals(0, depth("ops.orders"));

        JsonNode entry = auditEntry("deadletter.retry", "DLQ.ops.orders");
        assertCaller(entry, operator);
        assertEquals(List.of(id), items(entry));
        assertEquals("OK", entry.path("result").asText());
    }

    @Test
    public void anOperatorResubmitsAnEditedDeadLetterAndOnlyAnAdminDiscardsWithAReason() throws Exception {
        deploy("ops-strict", "ops.strict", "ops.strict.done", "${body} not contains 'valid'", 1);
        jms.send("ops.strict", "broken A");
        jms.send("ops.strict", "broken B");
        List<JsonNode> letters = Await.until("two dead letters", Duration.ofMinutes(1), () -> {
            List<JsonNode> l = deadLetters("ops.strict");
            return l.size() == 2 ? l : null;
        });
        String a = letters.stream().filter(d -> d.path("body").asText().equals("broken A")).findFirst().orElseThrow()
                .path("messageId").asText();
        String b = letters.stream().filter(d -> d.path("body").asText().equals("broken B")).findFirst().orElseThrow()
                .path("messageId").asText();

        assertRefused(viewer.execAnswer(DEAD_LETTERS, "resubmit", "DLQ.ops.strict", a, "valid A", new String[0]));
        String newId = operator.exec(DEAD_LETTERS, "resubmit", "DLQ.ops.strict", a, "valid A",
                new String[] {"priority=high"}).asText();
        assertNotEquals(a, newId);
        try (Session s = jms.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue("ops.strict.done"))) {
            Message m = c.receive(30_000);
            assertNotNull("the edited copy went through the flow", m);
            assertEquals("valid A", ((TextMessage) m).getText());
            assertEquals("high", m.getStringProperty("priority"));
            assertEquals(a, m.getStringProperty("ConfluxResubmittedFrom"));
        }
        JsonNode resubmitted = auditEntry("deadletter.resubmit", "DLQ.ops.strict");
        assertCaller(resubmitted, operator);
        assertEquals(List.of(a, newId), items(resubmitted));

        assertRefused(operator.execAnswer(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b}, "duplicate"));
        JsonNode noReason = admin.execAnswer(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b}, " ");
        assertNotEquals(200, noReason.path("status").asInt());
        assertTrue(noReason.toString(), noReason.path("error").asText().contains("reason is required"));
        assertEquals(1, admin.exec(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b},
                "duplicate of order 7").asInt());
        assertTrue(deadLetters("ops.strict").isEmpty());
        JsonNode discarded = auditEntry("deadletter.discard", "DLQ.ops.strict");
        assertCaller(discarded, admin);
        assertEquals(List.of(b), items(discarded));
        assertTrue(discarded.toString(), discarded.path("detail").asText().contains("duplicate of order 7"));
    }

    @Test
    public void queuesShowTheirStateAndEachRoleMayDoWhatItsAclSays() throws Exception {
        for (int i = 1; i <= 3; i++) {
            jms.send("ops.hold", "{\"order\":" + i + "}");
        }
        JsonNode hold = Await.until("ops.hold with 3 messages", Duration.ofSeconds(30), () -> {
            JsonNode q = queue("ops.hold");
            return q != null && q.path("messageCount").asLong() == 3 ? q : null;
        });
        assertEquals(0, hold.path("consumerCount").asInt());
        assertTrue(hold.toString(), hold.path("oldestMessageAgeMillis").asLong() >= 0);
        assertFalse(hold.path("deadLetter").asBoolean());
        JsonNode browsed = viewer.exec(QUEUES, "browse", "ops.hold", 10);
        assertEquals(3, browsed.size());
        assertEquals("{\"order\":1}", browsed.get(0).path("body").asText());
        String firstId = browsed.get(0).path("messageId").asText();

        // the incoming rate under steady traffic
        Await.until("an incoming rate on ops.rate", Duration.ofSeconds(30), () -> {
            jms.send("ops.rate", "tick");
            JsonNode q = queue("ops.rate");
            return q != null && q.path("enqueueRate").asDouble() > 0;
        });

        assertRefused(viewer.execAnswer(QUEUES, "pause", "ops.hold"));
        operator.exec(QUEUES, "pause", "ops.hold");
        assertTrue(queue("ops.hold").path("paused").asBoolean());
        operator.exec(QUEUES, "resume", "ops.hold");
        assertFalse(queue("ops.hold").path("paused").asBoolean());

        jms.send("ops.hold2", "already there");
        assertEquals(1, operator.exec(QUEUES, "move", "ops.hold", new String[] {firstId}, "ops.hold2").asInt());
        assertEquals(2, depth("ops.hold"));
        assertEquals(2, depth("ops.hold2"));
        JsonNode moved = auditEntry("queue.move", "ops.hold");
        assertCaller(moved, operator);
        assertEquals(List.of(firstId), items(moved));

        assertRefused(operator.execAnswer(QUEUES, "purge", "ops.hold"));
        assertEquals(2, depth("ops.hold"));
        assertEquals(2, admin.exec(QUEUES, "purge", "ops.hold").asInt());
        assertEquals(0, depth("ops.hold"));
        JsonNode purged = auditEntry("queue.purge", "ops.hold");
        assertCaller(purged, admin);
        assertEquals(2, items(purged).size());
        assertTrue(purged.path("detail").asText().startsWith("2 deleted"));
        assertEquals("OK", auditEntry("queue.pause", "ops.hold").path("result").asText());

        // The broker's own MBeans (the Artemis tab): everyone may look, only admins may change.
        String artemisQueue = "org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\"ops.hold2\","
                + "subcomponent=queues,routing-type=\"anycast\",queue=\"ops.hold2\"";
        assertEquals(200, viewer.execAnswer(artemisQueue, "countMessages()").path("status").asInt());
        assertRefused(operator.execAnswer(artemisQueue, "removeAllMessages()"));
        assertRefused(viewer.execAnswer(artemisQueue, "retryMessages()"));
        assertEquals(2, depth("ops.hold2"));
        admin.exec(QUEUES, "purge", "ops.hold2");
        admin.exec(QUEUES, "purge", "ops.rate");
    }

    @Test
    public void operatorsStartAndStopFlowsAndOnlyAdminsRollBack() throws Exception {
        deploy("ops-toggle", "ops.toggle", "ops.toggle.done", "${body} contains 'never'", 1);
        assertRefused(viewer.execAnswer(FLOWS, "stop", "ops-toggle"));
        assertEquals("STOPPED", operator.exec(FLOWS, "stop", "ops-toggle").path("state").asText());
        JsonNode stopped = auditEntry("flow.stop", "ops-toggle");
        assertCaller(stopped, operator);
        assertEquals("OK", stopped.path("result").asText());
        assertEquals("STARTED", operator.exec(FLOWS, "start", "ops-toggle").path("state").asText());
        assertEquals("flow.start", viewer.exec(AUDIT, "entries", 1).get(0).path("action").asText());
        assertRefused(operator.execAnswer(FLOWS, "rollback", "ops-toggle", 0));
        assertEquals(1, viewer.read(FLOWS, "Flows").findValues("name").stream()
                .filter(n -> n.asText().equals("ops-toggle")).count());
    }

    @Test
    public void theAuditTrailIsAnOwnerOnlyChainedFileThatTheConsoleExportsButCannotChange() throws Exception {
        jms.send("ops.audit", "x");
        Await.until("ops.audit", Duration.ofSeconds(30), () -> queue("ops.audit") != null);
        operator.exec(QUEUES, "pause", "ops.audit");
        operator.exec(QUEUES, "resume", "ops.audit");
        JsonNode failed = operator.execAnswer(QUEUES, "pause", "ops.no-such-queue");
        assertNotEquals(200, failed.path("status").asInt());
        JsonNode failedEntry = auditEntry("queue.pause", "ops.no-such-queue");
        assertEquals("a failed action is recorded too", "FAILED", failedEntry.path("result").asText());
        assertTrue(failedEntry.toString(), failedEntry.path("detail").asText().contains("No queue named 'ops.no-such-queue'"));
        Path file = Path.of(viewer.read(AUDIT, "File").asText());
        assertEquals(CONFLUX.home().toPath().resolve("data/audit/conflux-audit.jsonl").toRealPath(), file.toRealPath());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Files.readString(file), viewer.exec(AUDIT, "export").asText());
        assertTrue(viewer.exec(AUDIT, "verify").asText().startsWith("OK: "));

        // Nothing in the console can change it: the MBean has no writable attribute and only reading operations.
        JsonNode mbean = admin.list("conflux/type=audit");
        List<String> operations = new ArrayList<>();
        mbean.path("op").fieldNames().forEachRemaining(operations::add);
        operations.sort(null);
        assertEquals(List.of("entries", "export", "verify"), operations);
        assertFalse(mbean.path("attr").path("File").path("rw").asBoolean());
        admin.exec(QUEUES, "purge", "ops.audit");
    }
}
