package dev.conflux.itests;

import static dev.conflux.itests.SupportStaff.QUEUES;
import static dev.conflux.itests.SupportStaff.assertCaller;
import static dev.conflux.itests.SupportStaff.assertRefused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Alerts end to end, as support staff get them: rules and channels dropped into etc/ of the running distribution,
 * real failures (a poison message, a stopped consumer, a flow that receives nothing), and the notifications
 * arriving at a webhook receiver of the test's own (JSON over HTTP) and at a real mail server (GreenMail, through a
 * mail connector instance); resolved ones after the fix; silences and acknowledgements over Jolokia, audited; bad
 * rules and channels INVALID with file, key and reason while the others keep working.
 */
public class AlertsIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/conflux.alerts.cfg", "evaluationInterval", "1s"));

    static final String ALERTS = "conflux:type=alerts";
    static final String MAIL_PASSWORD = "mail-" + UUID.randomUUID();
    static final String HOOK_PASSWORD = "hook-" + UUID.randomUUID();
    static final String SUPPORT = "support@example.com";

    static SupportStaff staff;
    static Jms jms;
    static Path etc;
    static WebhookReceiver hook;
    static MailServer mail;

    @BeforeClass
    public static void ready() throws Exception {
        staff = new SupportStaff(CONFLUX);
        Await.until("the alerts MBean", Duration.ofMinutes(1), () -> staff.viewer.read(ALERTS, "Rules") != null);
        jms = CONFLUX.jms();
        etc = CONFLUX.home().toPath().resolve("etc");
        hook = CONFLUX.closeAfter(new WebhookReceiver());
        mail = CONFLUX.closeAfter(new MailServer("alerts@example.com", MAIL_PASSWORD));

        String password = encrypted(MAIL_PASSWORD);
        write("conflux.connector.mail-alerts-mail.cfg", "smtpHost = 127.0.0.1\nsmtpPort = " + mail.smtpPort
                + "\nsmtpSecurity = none\nusername = alerts@example.com\npassword = " + password
                + "\nconnectTimeout = 3s\n");
        Await.until("mail connector alerts-mail UP", Duration.ofMinutes(1), () -> "UP".equals(
                staff.admin.exec("conflux:type=connectors", "check", "alerts-mail").path("status").asText()));
        write("conflux.alert.channel-itest-hook.cfg", "type = webhook\nurl = " + hook.url() + "\nusername = hook\n"
                + "password = " + encrypted(HOOK_PASSWORD) + "\nheader." + WebhookReceiver.TEST_HEADER + " = alerts-it\n"
                + "timeout = 5s\n");
        write("conflux.alert.channel-itest-mail.cfg", "type = email\nconnector = alerts-mail\nto = " + SUPPORT
                + "\n");
        Await.until("both channels ACTIVE", Duration.ofMinutes(1),
                () -> "ACTIVE".equals(channel("itest-hook").path("status").asText())
                        && "ACTIVE".equals(channel("itest-mail").path("status").asText()));
    }

    @Test
    public void aDeadLetterAlertReachesTheWebhookAndTheMailboxAndResolvesWhenTheDeadLetterIsRetried() throws Exception {
        deploy("alerts-orders", "alerts.orders", "${body} contains 'poison'", 1);
        // window: new dead letters count for 10s; after that the alert holds while any of them remain
        rule("itest-dead-letters", "kind = dead-letters\nqueue = alerts.orders\nwindow = 10s\nseverity = critical\n"
                + "channels = itest-hook, itest-mail\ndescription = Orders fail: read the dead letter's reason\n");
        String id = "itest-dead-letters/alerts.orders";

        long sent = System.nanoTime();
        jms.send("alerts.orders", "order 1: poison");
        WebhookReceiver.Call firing = hook.await("FIRING", id, Duration.ofMinutes(2));
        JsonNode letter = staff.deadLetters("alerts.orders").get(0);
        Instant deadLettered = Instant.parse(letter.path("lastFailure").asText());
        System.out.printf("Alert latency: poison message sent -> webhook %d ms (of which broker redelivery until"
                + " dead-lettered); dead-lettered -> webhook %d ms%n", (firing.nanos() - sent) / 1_000_000,
                Duration.between(deadLettered, firing.at()).toMillis());

        JsonNode doc = firing.body();
        JsonNode alert = doc.path("alert");
        assertEquals(id, alert.path("id").asText());
        assertEquals("itest-dead-letters", alert.path("rule").asText());
        assertEquals("dead-letters", alert.path("kind").asText());
        assertEquals("alerts.orders", alert.path("target").asText());
        assertEquals("FIRING", alert.path("state").asText());
        assertEquals("critical", alert.path("severity").asText());
        assertTrue(alert.toString(), alert.path("summary").asText().contains("alerts.orders"));
        assertTrue(alert.toString(), alert.path("value").asText().contains("DLQ.alerts.orders"));
        assertFalse(Instant.parse(alert.path("firingSince").asText()).isBefore(Instant.parse(alert.path("since").asText())));
        assertTrue(alert.path("resolvedAt").isNull());
        String link = CONFLUX.consoleUrl() + "/#/conflux?tab=deadletters";
        assertEquals(link, doc.path("link").asText());
        assertEquals("dev", doc.path("environment").asText());
        assertEquals("root", doc.path("node").asText());
        String text = doc.path("text").asText();
        assertTrue(text, text.startsWith("[Conflux dev] FIRING: " + alert.path("summary").asText() + "\n"));
        assertTrue(text, text.contains("Orders fail: read the dead letter's reason") && text.contains(link));
        assertEquals(Http.basic("hook", HOOK_PASSWORD), firing.authorization());
        assertEquals("alerts-it", firing.testHeader());

        MimeMessage firingMail = awaitMail("[Conflux dev] FIRING: ");
        System.out.printf("Alert latency: dead-lettered -> mail in the mailbox at most %d ms (polled every 250 ms)%n",
                Duration.between(deadLettered, Instant.now()).toMillis());
        assertEquals(SUPPORT, firingMail.getRecipients(RecipientType.TO)[0].toString());
        String body = GreenMailUtil.getBody(firingMail);
        assertTrue(body, body.contains("alerts.orders") && body.contains(link) && body.contains("Orders fail"));

        // the fix: a new revision of the flow, then the dead letter retried by an operator and delivered
        deploy("alerts-orders", "alerts.orders", "${body} contains 'never'", 2);
        Instant retried = Instant.now();
        assertEquals(1, staff.operator.exec(SupportStaff.DEAD_LETTERS, "retry", "DLQ.alerts.orders",
                new String[] {letter.path("messageId").asText()}).asInt());
        assertEquals("order 1: poison", jms.receive("alerts.orders.done", 30_000));

        WebhookReceiver.Call resolved = hook.await("RESOLVED", id, Duration.ofMinutes(1));
        assertTrue("resolved by the retry, not before", resolved.at().isAfter(retried));
        assertEquals("RESOLVED", resolved.body().path("alert").path("state").asText());
        assertNotNull(Instant.parse(resolved.body().path("alert").path("resolvedAt").asText()));
        assertTrue(resolved.body().path("text").asText().startsWith("[Conflux dev] RESOLVED: "));
        awaitMail("[Conflux dev] RESOLVED: ");
        assertEquals("one FIRING, one RESOLVED", 2, hook.callsFor(id).size());
        assertTrue(history().contains(id));

        JsonNode channel = channel("itest-hook");
        assertEquals(hook.url(), channel.path("target").asText());
        assertTrue(channel.toString(), channel.path("lastError").isNull());
        assertFalse(channel.path("lastSentAt").isNull());
        assertFalse("the webhook password is shown nowhere", staff.viewer.get("read/" + ALERTS).body()
                .contains(HOOK_PASSWORD));
    }

    @Test
    public void aSilencedRuleSendsNothingAndTheSilenceIsAudited() throws Exception {
        rule("itest-silenced", "kind = queue-depth\nqueue = alerts.quiet\nthreshold = 1\nchannels = itest-hook\n");
        assertRefused(staff.viewer.execAnswer(ALERTS, "silence", "itest-silenced", "1h", "maintenance"));
        JsonNode silenced = staff.operator.exec(ALERTS, "silence", "itest-silenced", "1h", "partner maintenance");
        assertEquals("SILENCED", silenced.path("status").asText());
        assertEquals("partner maintenance", silenced.path("silenceReason").asText());
        JsonNode audit = staff.auditEntry("alert.silence", "itest-silenced");
        assertCaller(audit, staff.operator);
        assertTrue(audit.toString(), audit.toString().contains("partner maintenance"));

        // a twin rule on the same queue, not silenced: its notification shows the silenced one's would have come
        rule("itest-loud", "kind = queue-depth\nqueue = alerts.quiet\nthreshold = 1\nchannels = itest-hook\n");
        jms.send("alerts.quiet", "one");
        jms.send("alerts.quiet", "two");
        hook.await("FIRING", "itest-loud/alerts.quiet", Duration.ofMinutes(1));
        JsonNode quiet = Await.until("the silenced alert FIRING", Duration.ofSeconds(30), () -> active().stream()
                .filter(a -> a.path("id").asText().equals("itest-silenced/alerts.quiet")
                        && "FIRING".equals(a.path("state").asText())).findFirst().orElse(null));
        assertTrue(quiet.path("silenced").asBoolean());
        assertTrue("never notified: " + quiet, quiet.path("lastNotifiedAt").isNull());
        assertEquals(List.of(), hook.callsFor("itest-silenced/alerts.quiet"));

        staff.admin.exec(QUEUES, "purge", "alerts.quiet");
        hook.await("RESOLVED", "itest-loud/alerts.quiet", Duration.ofMinutes(1));
        assertEquals(List.of(), hook.callsFor("itest-silenced/alerts.quiet"));
        delete("itest-silenced", "itest-loud");
    }

    @Test
    public void aBacklogFiresWhileTheConsumerIsStoppedAndResolvesWhenItRunsAgain() throws Exception {
        deploy("alerts-backlog", "alerts.backlog", "${body} contains 'never'", 1);
        rule("itest-backlog", "kind = queue-depth\nqueue = alerts.backlog\nthreshold = 5\nfor = 2s\n"
                + "channels = itest-hook\n");
        staff.operator.exec(SupportStaff.FLOWS, "stop", "alerts-backlog");
        for (int i = 0; i < 8; i++) {
            jms.send("alerts.backlog", "held " + i);
        }
        WebhookReceiver.Call firing = hook.await("FIRING", "itest-backlog/alerts.backlog", Duration.ofMinutes(1));
        JsonNode alert = firing.body().path("alert");
        assertEquals("8 messages", alert.path("value").asText());
        assertTrue("PENDING for at least 'for' (2s): " + alert, Duration.between(Instant.parse(alert.path("since")
                .asText()), Instant.parse(alert.path("firingSince").asText())).toMillis() >= 2_000);
        assertTrue(firing.body().path("link").asText().endsWith("#/conflux?tab=queues"));

        staff.operator.exec(SupportStaff.FLOWS, "start", "alerts-backlog");
        hook.await("RESOLVED", "itest-backlog/alerts.backlog", Duration.ofMinutes(1));
        assertEquals(0, staff.depth("alerts.backlog"));
        delete("itest-backlog");
    }

    @Test
    public void aFlowThatReceivesNothingForTheIdleTimeFiresAndResolvesOnTheNextMessage() throws Exception {
        deploy("alerts-idle", "alerts.idle", "${body} contains 'never'", 1);
        rule("itest-idle", "kind = flow-silence\nflow = alerts-idle\nidle = 3s\nchannels = itest-hook\n");
        WebhookReceiver.Call firing = hook.await("FIRING", "itest-idle/alerts-idle", Duration.ofMinutes(1));
        assertTrue(firing.body().toString(), firing.body().path("alert").path("summary").asText()
                .contains("alerts-idle"));
        jms.send("alerts.idle", "an order at last");
        assertEquals("an order at last", jms.receive("alerts.idle.done", 30_000));
        hook.await("RESOLVED", "itest-idle/alerts-idle", Duration.ofMinutes(1));
        delete("itest-idle");
    }

    @Test
    public void badRulesAndChannelsAreInvalidWithFileKeyAndReasonAndAGoodRuleStillFires() throws Exception {
        rule("itest-bad-kind", "kind = queue-dept\nqueue = alerts.good\nthreshold = 1\n");
        rule("itest-bad-threshold", "kind = queue-depth\nqueue = alerts.good\nthreshold = -5\n");
        rule("itest-bad-channel", "kind = queue-depth\nqueue = alerts.good\nthreshold = 1\nchannels = itest-hok\n");
        write("conflux.alert.channel-itest-typo.cfg", "type = webhok\nurl = " + hook.url() + "\n");
        rule("itest-good", "kind = queue-depth\nqueue = alerts.good\nthreshold = 1\nchannels = itest-hook\n");

        assertInvalid("itest-bad-kind", "kind", "queue-dept", "did you mean 'queue-depth'");
        assertInvalid("itest-bad-threshold", "threshold", "-5");
        assertInvalid("itest-bad-channel", "channels", "itest-hok");
        JsonNode typo = Await.until("channel itest-typo INVALID", Duration.ofSeconds(30),
                () -> "INVALID".equals(channel("itest-typo").path("status").asText()) ? channel("itest-typo") : null);
        String problem = typo.path("problem").asText();
        assertTrue(problem, problem.contains("conflux.alert.channel-itest-typo.cfg") && problem.contains("key 'type'")
                && problem.contains("did you mean 'webhook'?"));

        String listed = CONFLUX.shell().run("conflux:alert-list --rules");
        assertTrue(listed, listed.contains("itest-bad-kind") && listed.contains("INVALID"));

        jms.send("alerts.good", "one");
        jms.send("alerts.good", "two");
        hook.await("FIRING", "itest-good/alerts.good", Duration.ofMinutes(1));
        staff.admin.exec(QUEUES, "purge", "alerts.good");
        hook.await("RESOLVED", "itest-good/alerts.good", Duration.ofMinutes(1));
        delete("itest-bad-kind", "itest-bad-threshold", "itest-bad-channel", "itest-good");
        Files.delete(etc.resolve("conflux.alert.channel-itest-typo.cfg"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void assertInvalid(String rule, String key, String... parts) throws Exception {
        JsonNode r = Await.until("rule " + rule + " INVALID", Duration.ofSeconds(30),
                () -> "INVALID".equals(rule(rule).path("status").asText()) ? rule(rule) : null);
        String problem = r.path("problem").asText();
        assertTrue(problem, problem.contains("conflux.alert-" + rule + ".cfg"));
        assertTrue(problem, problem.contains(key));
        Arrays.stream(parts).forEach(p -> assertTrue(problem, problem.contains(p)));
    }

    static void deploy(String name, String in, String failWhen, int revision) throws Exception {
        OrderFlows.deploy(CONFLUX, staff.admin, name, OrderFlows.yaml(name, in, in + ".done", failWhen), revision);
    }

    /** Writes etc/conflux.alert-NAME.cfg and waits until the rule is ACTIVE (or SILENCED, or INVALID). */
    static void rule(String name, String content) throws Exception {
        write("conflux.alert-" + name + ".cfg", content);
        Await.until("rule " + name + " loaded", Duration.ofSeconds(30), () -> !rule(name).isMissingNode());
    }

    static void delete(String... rules) throws IOException {
        for (String rule : rules) {
            Files.delete(etc.resolve("conflux.alert-" + rule + ".cfg"));
        }
    }

    static void write(String file, String content) throws IOException {
        Path tmp = etc.resolve("." + file + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, etc.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static JsonNode rule(String name) throws Exception {
        return find(staff.viewer.read(ALERTS, "Rules"), name);
    }

    static JsonNode channel(String name) throws Exception {
        return find(staff.viewer.read(ALERTS, "Channels"), name);
    }

    private static JsonNode find(JsonNode list, String name) {
        JsonNode found = null;
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText()) && (found == null || "ACTIVE".equals(found.path("status").asText()))) {
                found = n;
            }
        }
        return found == null ? MissingNode.getInstance() : found;
    }

    static List<JsonNode> active() throws Exception {
        return Http.JSON.convertValue(staff.viewer.read(ALERTS, "Active"),
                Http.JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    static String history() throws Exception {
        return staff.viewer.read(ALERTS, "History").toString();
    }

    /** Waits for a mail whose subject starts so. */
    static MimeMessage awaitMail(String subjectStart) throws Exception {
        return Await.until("a mail '" + subjectStart + "…'", Duration.ofMinutes(1), () -> {
            for (MimeMessage m : mail.received()) {
                if (m.getSubject() != null && m.getSubject().startsWith(subjectStart)) {
                    return m;
                }
            }
            return null;
        });
    }

    /** What conflux:secret-encrypt prints for the value, as an operator would paste it. */
    static String encrypted(String clear) throws Exception {
        Matcher m = Pattern.compile("ENC\\([A-Za-z0-9+/=]+\\)").matcher(CONFLUX.shell().run("conflux:secret-encrypt "
                + clear));
        assertTrue("conflux:secret-encrypt printed an ENC(...) value", m.find());
        return m.group();
    }
}
