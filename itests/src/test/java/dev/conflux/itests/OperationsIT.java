package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static dev.conflux.itests.SupportStaff.AUDIT;
import static dev.conflux.itests.SupportStaff.FLOWS;
import static dev.conflux.itests.SupportStaff.QUEUES;
import static dev.conflux.itests.SupportStaff.assertCaller;
import static dev.conflux.itests.SupportStaff.assertRefused;
import static dev.conflux.itests.SupportStaff.items;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
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
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Support staff operating Conflux, server side: the same Jolokia requests the console's pages send, as a viewer, an
 * operator and an admin, and the shell commands. Checks what each role may do (the server refuses, whatever a page
 * shows), what pausing, moving, purging, stopping, restarting and rolling back really do, and that every action lands
 * in the audit trail with who, from where and which messages. Dead letters: {@link DeadLettersIT}.
 */
public class OperationsIT {

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
        Await.until("the queues MBean", Duration.ofMinutes(1), () -> viewer.read(QUEUES, "Queues") != null);
        jms = CONFLUX.jms();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static void deploy(String name, String in, String out, String failWhen, int revision) throws Exception {
        OrderFlows.deploy(CONFLUX, admin, name, OrderFlows.yaml(name, in, out, failWhen), revision);
    }

    /** Restarts the broker (its bundle, as an admin can from the console) and reconnects the test's client. */
    static void restartBroker() throws Exception {
        Jolokia console = CONFLUX.admin();
        long broker = console.bundleId("org.apache.activemq.artemis-server-osgi");
        console.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(broker));
        jms.close();
        jms = Await.until("the broker accepting connections again", Duration.ofMinutes(2), () -> CONFLUX.jms());
    }

    // ---- tests -------------------------------------------------------------------------------------------------

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
    public void theShellCommandsOperateQueuesAndAreAuditedLikeTheConsole() throws Exception {
        jms.send("ops.shell", "from the shell 1");
        jms.send("ops.shell", "from the shell 2");
        jms.send("ops.shell.to", "already there");
        Await.until("ops.shell with 2 messages", Duration.ofSeconds(30), () -> staff.depth("ops.shell") == 2);
        try (Shell shell = new Shell(CONFLUX.sshPort)) {
            String list = shell.run("conflux:queue-list");
            assertTrue(list, list.lines().anyMatch(l -> l.startsWith("ops.shell ") && l.contains("active")));

            shell.run("conflux:queue-pause ops.shell");
            assertTrue(staff.queue("ops.shell").path("paused").asBoolean());
            assertTrue(staff.auditEntry("queue.pause", "ops.shell").path("from").asText().startsWith("ssh("));
            String paused = shell.run("conflux:queue-list");
            assertTrue(paused, paused.lines().anyMatch(l -> l.startsWith("ops.shell ") && l.contains("paused")));
            shell.run("conflux:queue-resume ops.shell");
            assertFalse(staff.queue("ops.shell").path("paused").asBoolean());

            String browsed = shell.run("conflux:queue-browse -n 1 ops.shell");
            assertTrue(browsed, browsed.contains("from the shell 1") && !browsed.contains("from the shell 2"));
            assertTrue(browsed, browsed.contains("messages 1-1; next: --offset 1"));

            String moved = shell.run("conflux:queue-move --all ops.shell ops.shell.to");
            assertTrue(moved, moved.contains("2 moved to ops.shell.to"));
            assertEquals(3, staff.depth("ops.shell.to"));
            assertEquals("admin", staff.auditEntry("queue.move-all", "ops.shell").path("user").asText());
            String none = shell.run("conflux:queue-move ops.shell ops.shell.to 12x");
            assertTrue(none, none.contains("'12x' is not a message id"));
            assertFalse(none, none.contains("Exception"));
            String purged = shell.run("conflux:queue-purge ops.shell.to");
            assertTrue(purged, purged.contains("3 messages deleted from ops.shell.to"));
            assertEquals(0, staff.depth("ops.shell.to"));
        }
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
