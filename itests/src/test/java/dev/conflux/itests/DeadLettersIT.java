package dev.conflux.itests;

import static dev.conflux.itests.SupportStaff.DEAD_LETTERS;
import static dev.conflux.itests.SupportStaff.QUEUES;
import static dev.conflux.itests.SupportStaff.assertCaller;
import static dev.conflux.itests.SupportStaff.assertRefused;
import static dev.conflux.itests.SupportStaff.items;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Dead letters as support staff meet them, server side (Jolokia as a viewer, an operator and an admin, and the shell):
 * a poison message dead-lettered with its reason and, once the cause is fixed, retried and delivered exactly once;
 * an edited copy resubmitted; discards only by admins with a reason; thousands of dead letters paged, each one
 * reachable. Every action lands in the audit trail with who, from where and which messages.
 */
public class DeadLettersIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();

    static SupportStaff staff;
    static Jolokia viewer;
    static Jolokia operator;
    static Jolokia admin;
    static Jms jms;

    @BeforeClass
    public static void ready() throws Exception {
        staff = new SupportStaff(CONFLUX);
        viewer = staff.viewer;
        operator = staff.operator;
        admin = staff.admin;
        Await.until("the dead letters MBean", Duration.ofMinutes(1), () -> viewer.read(DEAD_LETTERS, "DeadLetters") != null);
        jms = CONFLUX.jms();
    }

    static void deploy(String name, String in, String out, String failWhen, int revision) throws Exception {
        OrderFlows.deploy(CONFLUX, admin, name, OrderFlows.yaml(name, in, out, failWhen), revision);
    }

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
}
