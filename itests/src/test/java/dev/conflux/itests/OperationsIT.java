package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static dev.conflux.itests.SupportStaff.AUDIT;
import static dev.conflux.itests.SupportStaff.DEAD_LETTERS;
import static dev.conflux.itests.SupportStaff.FLOWS;
import static dev.conflux.itests.SupportStaff.QUEUES;
import static dev.conflux.itests.SupportStaff.assertCaller;
import static dev.conflux.itests.SupportStaff.assertRefused;
import static dev.conflux.itests.SupportStaff.items;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
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

    @ClassRule
    public static final PaxExamServer EXAM = new PaxExamServer();

    static SupportStaff staff;
    static JolokiaUser viewer;
    static JolokiaUser operator;
    static JolokiaUser admin;
    static Jms jms;

    @Configuration
    public Option[] config() {
        return CONFLUX.withSupportUsers();
    }

    @BeforeClass
    public static void ready() throws Exception {
        new Console(CONFLUX).awaitReady();
        staff = new SupportStaff(CONFLUX);
        viewer = staff.viewer;
        operator = staff.operator;
        admin = staff.admin;
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

    /** Restarts the broker (its bundle, as an admin can from the console) and reconnects the test's client. */
    static void restartBroker() throws Exception {
        Console console = new Console(CONFLUX);
        long broker = console.bundleId("org.apache.activemq.artemis-server-osgi");
        console.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(broker));
        jms.close();
        jms = Await.until("the broker accepting connections again", Duration.ofMinutes(2), () -> new Jms(CONFLUX));
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
            List<JsonNode> l = staff.deadLetters("ops.orders");
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
        assertEquals("a refused retry changes nothing", 1, staff.deadLetters("ops.orders").size());

        deploy("ops-orders", "ops.orders", "ops.orders.done", "${body} contains 'never'", 2);
        assertEquals(1, operator.exec(DEAD_LETTERS, "retry", "DLQ.ops.orders", new String[] {id}).asInt());

        assertEquals("order 1: poison", jms.receive("ops.orders.done", 30_000));
        // a failed attempt would come back after the redelivery delay: wait that long and a margin for a second copy
        long quiet = staff.redeliveryDelayMillis("ops.orders") + 2_000;
        assertNull("delivered exactly once", jms.receive("ops.orders.done", quiet));
        Await.until("the dead letter gone", Duration.ofSeconds(30), () -> staff.deadLetters("ops.orders").isEmpty());
        assertEquals(0, staff.depth("DLQ.ops.orders"));
        assertEquals(0, staff.depth("ops.orders"));

        JsonNode entry = staff.auditEntry("deadletter.retry", "DLQ.ops.orders");
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
            List<JsonNode> l = staff.deadLetters("ops.strict");
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
        JsonNode resubmitted = staff.auditEntry("deadletter.resubmit", "DLQ.ops.strict");
        assertCaller(resubmitted, operator);
        assertEquals(List.of(a, newId), items(resubmitted));

        assertRefused(operator.execAnswer(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b}, "duplicate"));
        JsonNode noReason = admin.execAnswer(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b}, " ");
        assertNotEquals(200, noReason.path("status").asInt());
        assertTrue(noReason.toString(), noReason.path("error").asText().contains("reason is required"));
        assertEquals(1, admin.exec(DEAD_LETTERS, "discard", "DLQ.ops.strict", new String[] {b},
                "duplicate of order 7").asInt());
        assertTrue(staff.deadLetters("ops.strict").isEmpty());
        JsonNode discarded = staff.auditEntry("deadletter.discard", "DLQ.ops.strict");
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
            JsonNode q = staff.queue("ops.hold");
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
            JsonNode q = staff.queue("ops.rate");
            return q != null && q.path("enqueueRate").asDouble() > 0;
        });

        assertRefused(viewer.execAnswer(QUEUES, "pause", "ops.hold"));
        operator.exec(QUEUES, "pause", "ops.hold");
        assertTrue(staff.queue("ops.hold").path("paused").asBoolean());
        operator.exec(QUEUES, "resume", "ops.hold");
        assertFalse(staff.queue("ops.hold").path("paused").asBoolean());

        jms.send("ops.hold2", "already there");
        assertEquals(1, operator.exec(QUEUES, "move", "ops.hold", new String[] {firstId}, "ops.hold2").asInt());
        assertEquals(2, staff.depth("ops.hold"));
        assertEquals(2, staff.depth("ops.hold2"));
        JsonNode moved = staff.auditEntry("queue.move", "ops.hold");
        assertCaller(moved, operator);
        assertEquals(List.of(firstId), items(moved));

        assertRefused(operator.execAnswer(QUEUES, "purge", "ops.hold"));
        assertEquals(2, staff.depth("ops.hold"));
        assertEquals(2, admin.exec(QUEUES, "purge", "ops.hold").asInt());
        assertEquals(0, staff.depth("ops.hold"));
        JsonNode purged = staff.auditEntry("queue.purge", "ops.hold");
        assertCaller(purged, admin);
        assertEquals(2, items(purged).size());
        assertTrue(purged.path("detail").asText().startsWith("2 deleted"));
        assertEquals("OK", staff.auditEntry("queue.pause", "ops.hold").path("result").asText());

        // The broker's own MBeans (the Artemis tab): everyone may look, only admins may change.
        String artemisQueue = "org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\"ops.hold2\","
                + "subcomponent=queues,routing-type=\"anycast\",queue=\"ops.hold2\"";
        assertEquals(200, viewer.execAnswer(artemisQueue, "countMessages()").path("status").asInt());
        assertRefused(operator.execAnswer(artemisQueue, "removeAllMessages()"));
        assertRefused(viewer.execAnswer(artemisQueue, "retryMessages()"));
        assertEquals(2, staff.depth("ops.hold2"));

        List<String> onHold2 = new ArrayList<>();
        viewer.exec(QUEUES, "browse", "ops.hold2", 10).forEach(m -> onHold2.add(m.path("messageId").asText()));
        assertRefused(viewer.execAnswer(QUEUES, "moveAll", "ops.hold2", "ops.hold"));
        assertEquals(2, operator.exec(QUEUES, "moveAll", "ops.hold2", "ops.hold").asInt());
        assertEquals(0, staff.depth("ops.hold2"));
        assertEquals(2, staff.depth("ops.hold"));
        JsonNode movedAll = staff.auditEntry("queue.move-all", "ops.hold2");
        assertCaller(movedAll, operator);
        assertEquals(onHold2, items(movedAll));
        assertEquals("2 moved to ops.hold", movedAll.path("detail").asText());
        admin.exec(QUEUES, "purge", "ops.hold");
        admin.exec(QUEUES, "purge", "ops.rate");
    }

    @Test
    public void operatorsStartStopAndRestartFlowsAndOnlyAdminsRollBack() throws Exception {
        deploy("ops-toggle", "ops.toggle", "ops.toggle.done", "${body} contains 'never'", 1);
        assertRefused(viewer.execAnswer(FLOWS, "stop", "ops-toggle"));
        assertEquals("STOPPED", operator.exec(FLOWS, "stop", "ops-toggle").path("state").asText());
        JsonNode stopped = staff.auditEntry("flow.stop", "ops-toggle");
        assertCaller(stopped, operator);
        assertEquals("OK", stopped.path("result").asText());
        jms.send("ops.toggle", "while stopped");
        assertNull("a stopped flow takes nothing", jms.receive("ops.toggle.done", 2_000));
        assertEquals("STARTED", operator.exec(FLOWS, "start", "ops-toggle").path("state").asText());
        assertEquals("flow.start", viewer.exec(AUDIT, "entries", 1).get(0).path("action").asText());
        assertEquals("the message waited on the queue", "while stopped", jms.receive("ops.toggle.done", 30_000));

        Instant started = Instant.parse(viewer.exec(FLOWS, "info", "ops-toggle").path("startedAt").asText());
        JsonNode restarted = operator.exec(FLOWS, "restart", "ops-toggle");
        assertEquals("STARTED", restarted.path("state").asText());
        assertTrue("a new start time: " + restarted, Instant.parse(restarted.path("startedAt").asText()).isAfter(started));
        assertEquals("OK", staff.auditEntry("flow.restart", "ops-toggle").path("result").asText());

        deploy("ops-toggle", "ops.toggle", "ops.toggle.done", "${body} contains 'v2'", 2);
        assertRefused(operator.execAnswer(FLOWS, "rollback", "ops-toggle", 0));
        JsonNode back = admin.exec(FLOWS, "rollback", "ops-toggle", 0);
        assertEquals("the revision before the current one", 1, back.path("revision").asInt());
        assertEquals("STARTED", back.path("state").asText());
        jms.send("ops.toggle", "v2 order");
        assertEquals("revision 1 runs again: it does not fail on v2", "v2 order", jms.receive("ops.toggle.done", 30_000));
        JsonNode rolledBack = staff.auditEntry("flow.rollback", "ops-toggle");
        assertCaller(rolledBack, admin);
        assertEquals("OK", rolledBack.path("result").asText());
        assertEquals(1, viewer.read(FLOWS, "Flows").findValues("name").stream()
                .filter(n -> n.asText().equals("ops-toggle")).count());
    }

    @Test
    public void aPausedQueueWithholdsDeliveryAlsoAcrossABrokerRestartUntilResumed() throws Exception {
        jms.send("ops.paused", "held back");
        Await.until("ops.paused with its message", Duration.ofSeconds(30), () -> staff.depth("ops.paused") == 1);
        operator.exec(QUEUES, "pause", "ops.paused");
        try (Session s = jms.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue("ops.paused"))) {
            assertNull("a paused queue delivers nothing", c.receive(2_000));
        }

        restartBroker();
        JsonNode after = Await.until("ops.paused back after the restart", Duration.ofMinutes(1), () -> {
            JsonNode q = staff.queue("ops.paused");
            return q != null && q.path("messageCount").asLong() == 1 ? q : null;
        });
        assertTrue("the pause survived the restart: " + after, after.path("paused").asBoolean());
        try (Session s = jms.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue("ops.paused"))) {
            assertNull("still withheld after the restart", c.receive(2_000));
            operator.exec(QUEUES, "resume", "ops.paused");
            Message m = c.receive(10_000);
            assertNotNull("delivered once resumed", m);
            assertEquals("held back", ((TextMessage) m).getText());
        }
        assertEquals("OK", staff.auditEntry("queue.resume", "ops.paused").path("result").asText());
    }

    @Test
    public void fiveThousandDeadLettersArePagedAndEachCanBeRetriedOrDiscarded() throws Exception {
        int count = 5_000;
        try (Session s = jms.connection().createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer p = s.createProducer(s.createQueue("ops.bulk"));
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage("bulk " + i));
                if (i % 500 == 499) {
                    s.commit();
                }
            }
            s.commit();
        }
        // The broker dead-letters them as it does after the last delivery attempt: to DLQ.ops.bulk, with their origin.
        String bulk = "org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\"ops.bulk\","
                + "subcomponent=queues,routing-type=\"anycast\",queue=\"ops.bulk\"";
        assertEquals(count, admin.exec(bulk, "sendMessagesToDeadLetterAddress", (Object) null).asInt());

        JsonNode page = viewer.exec(DEAD_LETTERS, "page", "DLQ.ops.bulk", 4_000, 100);
        assertEquals(count, page.path("total").asLong());
        assertEquals(100, page.path("letters").size());
        assertEquals("bulk 4000", page.path("letters").get(0).path("body").asText());
        assertEquals("bulk 4099", page.path("letters").get(99).path("body").asText());
        assertEquals("ops.bulk", page.path("letters").get(0).path("originalQueue").asText());

        JsonNode far = viewer.exec(DEAD_LETTERS, "page", "DLQ.ops.bulk", 4_500, 1).path("letters").get(0);
        assertEquals("bulk 4500", far.path("body").asText());
        assertEquals(1, operator.exec(DEAD_LETTERS, "retry", "DLQ.ops.bulk", new String[] {far.path("messageId").asText()}).asInt());
        assertEquals("bulk 4500", viewer.exec(QUEUES, "browse", "ops.bulk", 10).get(0).path("body").asText());

        JsonNode farthest = viewer.exec(DEAD_LETTERS, "page", "DLQ.ops.bulk", count - 2, 10).path("letters");
        assertEquals("the last page holds the rest", 1, farthest.size());
        assertEquals("bulk 4999", farthest.get(0).path("body").asText());
        assertEquals(1, admin.exec(DEAD_LETTERS, "discard", "DLQ.ops.bulk",
                new String[] {farthest.get(0).path("messageId").asText()}, "load test leftovers").asInt());
        assertEquals(count - 2, viewer.exec(DEAD_LETTERS, "page", "DLQ.ops.bulk", 0, 1).path("total").asLong());

        // the shell pages the same way
        try (Shell shell = new Shell(CONFLUX.sshPort)) {
            String out = shell.run("conflux:deadletter-list --offset 3000 -n 3 DLQ.ops.bulk");
            assertTrue(out, out.contains("bulk 3000") && out.contains("bulk 3002") && !out.contains("bulk 3003"));
            assertTrue(out, out.contains("messages 3001-3003 of " + (count - 2)));
        }

        assertRefused(viewer.execAnswer(DEAD_LETTERS, "retryAll", "DLQ.ops.bulk"));
        assertEquals(count - 2, operator.exec(DEAD_LETTERS, "retryAll", "DLQ.ops.bulk").asInt());
        assertEquals(0, staff.depth("DLQ.ops.bulk"));
        assertEquals(count - 1, staff.depth("ops.bulk"));
        JsonNode retriedAll = staff.auditEntry("deadletter.retry-all", "DLQ.ops.bulk");
        assertCaller(retriedAll, operator);
        assertEquals("the first page's ids", 1_000, items(retriedAll).size());
        admin.exec(QUEUES, "purge", "ops.bulk");
    }

    @Test
    public void refusalsAreTheSpecificRefusal() throws Exception {
        String request = "{\"type\":\"read\",\"mbean\":\"" + QUEUES + "\",\"attribute\":\"Queues\"}";
        Http http = new Http();
        // The console's login refuses before Jolokia is reached (HTTP 403, hawtio's answer without valid credentials);
        // a signed-in user without the role gets Jolokia's own refusal (status 403 in the answer, see assertRefused).
        HttpResponse<String> anonymous = http.post(CONFLUX.consoleUrl() + "/jolokia/", "application/json", request);
        assertEquals(403, anonymous.statusCode());
        assertFalse(anonymous.body(), anonymous.body().contains("ops."));
        HttpResponse<String> wrong = http.post(CONFLUX.consoleUrl() + "/jolokia/", "application/json", request,
                "Authorization", Http.basic(ConfluxDistribution.OPERATOR, "not-the-password"));
        assertEquals(403, wrong.statusCode());
        assertFalse(wrong.body(), wrong.body().contains("\"value\""));
        assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(CONFLUX.brokerUrl())
                .createConnection(ConfluxDistribution.OPERATOR, "not-the-password").close());
        assertRefused(viewer.execAnswer(QUEUES, "purge", "ops.none"));
    }

    @Test
    public void theAuditTrailIsAnOwnerOnlyChainedFileThatTheConsoleExportsButCannotChange() throws Exception {
        jms.send("ops.audit", "x");
        Await.until("ops.audit", Duration.ofSeconds(30), () -> staff.queue("ops.audit") != null);
        operator.exec(QUEUES, "pause", "ops.audit");
        operator.exec(QUEUES, "resume", "ops.audit");
        JsonNode failed = operator.execAnswer(QUEUES, "pause", "ops.no-such-queue");
        assertNotEquals(200, failed.path("status").asInt());
        JsonNode failedEntry = staff.auditEntry("queue.pause", "ops.no-such-queue");
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
