package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
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
 * The support console in a real browser: headless Chromium (Debian's package) driven by playwright-core
 * (src/test/e2e/console.mjs) against the running distribution. The operator finds a dead letter, retries it, sees
 * the queue depths change and the audit entry; the viewer's retry is refused by the server. The operator follows the
 * banner of firing alerts to the Alerts page, acknowledges the alert and silences its rule (src/test/e2e/alerts.mjs);
 * the viewer sees the alert without the buttons. Screenshots of each page are kept in target/screenshots.
 */
public class ConsoleUiIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();
    static final Path E2E_SOURCES = Path.of("src/test/e2e");
    static final Path E2E = Path.of("target/e2e");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static Jolokia admin;
    static Jms jms;

    @BeforeClass
    public static void ready() throws Exception {
        installPlaywright();
        admin = CONFLUX.admin();
        jms = CONFLUX.jms();
    }

    /**
     * The browser scripts and playwright-core from npm (the version in package-lock.json), into target/e2e; the
     * browser is Debian's.
     */
    static void installPlaywright() throws Exception {
        Files.createDirectories(E2E);
        try (var sources = Files.list(E2E_SOURCES)) {
            for (Path f : sources.filter(Files::isRegularFile).toList()) {
                Files.copy(f, E2E.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
        }
        assertTrue("Chromium is installed (Debian package 'chromium'; ./conflux test installs it)",
                new File(chromium()).canExecute());
    }

    static String chromium() {
        return System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    }

    static String run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        Processes.Result r = Processes.run(E2E, command, env, timeout);
        System.out.println(r.output());
        assertEquals(command + " failed:\n" + r.output(), 0, r.exit());
        return r.output();
    }

    static void deploy(String name, String failWhen, int revision) throws Exception {
        OrderFlows.deploy(CONFLUX, admin, name, OrderFlows.yaml(name, "ui.orders", "ui.out", failWhen), revision);
    }

    static List<String> deadLetterBodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (JsonNode d : admin.read("conflux:type=deadletters", "DeadLetters")) {
            if ("ui.orders".equals(d.path("originalQueue").asText())) {
                bodies.add(d.path("body").asText());
            }
        }
        bodies.sort(null);
        return bodies;
    }

    @Test
    public void anOperatorRetriesADeadLetterInTheConsoleAndAViewerIsRefused() throws Exception {
        deploy("ui-orders", "${body} contains 'poison'", 1);
        jms.send("ui.orders", "poison A");
        jms.send("ui.orders", "poison B");
        Await.until("two dead letters", Duration.ofMinutes(1), () -> deadLetterBodies().size() == 2);
        deploy("ui-orders", "${body} contains 'never'", 2); // the cause is fixed

        String output = run(List.of("node", "console.mjs"), Map.ofEntries(
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", chromium()),
                Map.entry("DLQ", "DLQ.ui.orders"),
                Map.entry("TARGET_QUEUE", "ui.out"),
                Map.entry("RETRY_BODY", "poison A"),
                Map.entry("REFUSED_BODY", "poison B"),
                Map.entry("OPERATOR_USER", ConfluxDistribution.OPERATOR),
                Map.entry("OPERATOR_PASSWORD", ConfluxDistribution.OPERATOR_PASSWORD),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD)), Duration.ofMinutes(5));
        assertTrue(output, output.contains("RETRIED "));

        // What the browser saw, checked on the server: one message retried and delivered once, the other kept.
        assertEquals("poison A", jms.receive("ui.out", 10_000));
        assertNull("delivered exactly once", jms.receive("ui.out", 2_000));
        assertEquals(List.of("poison B"), deadLetterBodies());
        for (String page : List.of("queues", "dead-letters", "queues-after-retry", "queue-browse", "flows", "audit",
                "viewer-retry-refused", "trust")) {
            Path shot = SCREENSHOTS.resolve(page + ".png");
            assertTrue(shot + " saved", Files.isRegularFile(shot) && Files.size(shot) > 10_000);
        }
    }

    static final String ALERTS = "conflux:type=alerts";

    /** The alert of that id among the active ones, or null. */
    static JsonNode activeAlert(Jolokia who, String id) throws Exception {
        for (JsonNode a : who.read(ALERTS, "Active")) {
            if (id.equals(a.path("id").asText())) {
                return a;
            }
        }
        return null;
    }

    static JsonNode rule(String name) throws Exception {
        for (JsonNode r : admin.read(ALERTS, "Rules")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        return null;
    }

    @Test
    public void anOperatorAcknowledgesAFiringAlertAndSilencesItsRuleAndAViewerSeesNoButtons() throws Exception {
        // A backlog rule as support staff would write it: more than 2 messages on ui.backlog, firing at once.
        Path etc = CONFLUX.home().toPath().resolve("etc");
        Path tmp = Files.createTempFile(etc.getParent(), "rule", ".tmp");
        Files.writeString(tmp, "kind = queue-depth\nqueue = ui.backlog\nthreshold = 2\nseverity = critical\n"
                + "description = orders wait on ui.backlog and nothing consumes them\n");
        Files.move(tmp, etc.resolve("conflux.alert-ui-backlog.cfg"), StandardCopyOption.ATOMIC_MOVE);
        Await.until("rule ui-backlog ACTIVE", Duration.ofMinutes(1),
                () -> rule("ui-backlog") != null && "ACTIVE".equals(rule("ui-backlog").path("status").asText()));
        for (int i = 1; i <= 3; i++) {
            jms.send("ui.backlog", "order " + i); // no flow consumes ui.backlog
        }
        String id = "ui-backlog/ui.backlog";
        Await.until(id + " FIRING", Duration.ofMinutes(1),
                () -> activeAlert(admin, id) != null && "FIRING".equals(activeAlert(admin, id).path("state").asText()));

        // What the page asks to decide whether to show the buttons: Karaf's answer from the JMX ACL, per user.
        Jolokia viewer = CONFLUX.jolokia(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        Jolokia operator = CONFLUX.jolokia(ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD);
        List<String> security = viewer.search("org.apache.karaf:type=security,area=jmx,*");
        assertEquals(security.toString(), 1, security.size());
        String canInvoke = "canInvoke(java.lang.String,java.lang.String)";
        assertFalse(viewer.exec(security.get(0), canInvoke, ALERTS, "acknowledge").asBoolean());
        assertTrue(operator.exec(security.get(0), canInvoke, ALERTS, "acknowledge").asBoolean());

        String comment = "ops1 looks at the consumer (ticket INC-4711)";
        String reason = "consumer redeployed tonight, backlog expected";
        String output = run(List.of("node", "alerts.mjs"), Map.ofEntries(
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", chromium()),
                Map.entry("ALERT_ID", id),
                Map.entry("RULE", "ui-backlog"),
                Map.entry("QUEUE", "ui.backlog"),
                Map.entry("ACK_COMMENT", comment),
                Map.entry("SILENCE_REASON", reason),
                Map.entry("OPERATOR_USER", ConfluxDistribution.OPERATOR),
                Map.entry("OPERATOR_PASSWORD", ConfluxDistribution.OPERATOR_PASSWORD),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD)), Duration.ofMinutes(5));
        assertTrue(output, output.contains("ALERTS OK"));

        // What the browser did, checked on the server.
        JsonNode alert = activeAlert(admin, id);
        assertTrue(alert.toString(), alert.path("acknowledgedBy").asText().contains(ConfluxDistribution.OPERATOR));
        assertEquals(comment, alert.path("acknowledgeComment").asText());
        JsonNode silenced = rule("ui-backlog");
        assertEquals("SILENCED", silenced.path("status").asText());
        assertEquals(reason, silenced.path("silenceReason").asText());
        assertTrue(silenced.toString(), silenced.path("silencedBy").asText().contains(ConfluxDistribution.OPERATOR));
        // The viewer was shown no buttons; the server refuses the viewer's calls anyway.
        SupportStaff.assertRefused(viewer.execAnswer(ALERTS, "unsilence", "ui-backlog"));
        SupportStaff.assertRefused(viewer.execAnswer(ALERTS, "acknowledge", id, "viewer"));
        assertEquals("SILENCED", rule("ui-backlog").path("status").asText());
        for (String page : List.of("alerts-banner", "alerts-firing")) {
            Path shot = SCREENSHOTS.resolve(page + ".png");
            assertTrue(shot + " saved", Files.isRegularFile(shot) && Files.size(shot) > 10_000);
        }
    }
}
