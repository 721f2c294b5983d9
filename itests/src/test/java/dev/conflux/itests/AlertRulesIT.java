package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Alert rules as support staff meet them in a running distribution: the shipped default rules are loaded and stay
 * quiet on a healthy fresh container, a bad rule file is INVALID with its file, key and reason while the others keep
 * working, and operators (not viewers) acknowledge alerts and silence rules, over Jolokia and the shell, audited.
 * A canary rule (a flow that is not deployed) fires at once, which shows that evaluation runs. The end-to-end path
 * to the channels is AlertsIT's.
 */
public class AlertRulesIT {

    static final String ALERTS = "conflux:type=alerts";
    static final String CANARY = "it-canary";
    static final String CANARY_ALERT = CANARY + "/no-such-flow";
    static final List<String> DEFAULTS = List.of("certificate-expiry", "connector-down", "dead-letters",
            "endpoint-errors", "flow-failures", "flow-not-started", "queue-backlog", "queue-stale");

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/conflux.alerts.cfg", "evaluationInterval", "1s"));

    static SupportStaff staff;
    static Path etc;

    @BeforeClass
    public static void canaryRule() throws Exception {
        staff = new SupportStaff(CONFLUX);
        etc = CONFLUX.home().toPath().resolve("etc");
        write(CANARY, "kind = flow-not-started\nflow = no-such-flow\ndescription = fires at once: evaluation runs\n");
        Await.until("the canary alert", Duration.ofMinutes(2), () -> alert(CANARY_ALERT) != null);
    }

    static void write(String rule, String text) throws Exception {
        Path tmp = etc.resolve(".alert-" + rule + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, etc.resolve("conflux.alert-" + rule + ".cfg"), StandardCopyOption.ATOMIC_MOVE);
    }

    static JsonNode alert(String id) throws Exception {
        for (JsonNode a : staff.viewer.read(ALERTS, "Active")) {
            if (id.equals(a.path("id").asText())) {
                return a;
            }
        }
        return null;
    }

    static Map<String, JsonNode> rules() throws Exception {
        Map<String, JsonNode> byName = new TreeMap<>();
        staff.viewer.read(ALERTS, "Rules").forEach(r -> byName.put(r.path("name").asText(), r));
        return byName;
    }

    @Test
    public void theDefaultRulesAreActiveAndQuietOnAFreshDistribution() throws Exception {
        Map<String, JsonNode> rules = rules();
        for (String name : DEFAULTS) {
            JsonNode r = rules.get(name);
            assertTrue("shipped rule " + name + " in " + rules.keySet(), r != null);
            assertEquals(r.toString(), "ACTIVE", r.path("status").asText());
            assertTrue(r.toString(), r.path("source").asText().endsWith("conflux.alert-" + name + ".cfg"));
        }
        assertEquals("critical", rules.get("dead-letters").path("severity").asText());
        assertEquals("log", rules.get("dead-letters").path("channels").get(0).asText());

        JsonNode canary = alert(CANARY_ALERT);
        assertEquals("FIRING", canary.path("state").asText());
        assertEquals("flow no-such-flow is not deployed", canary.path("summary").asText());
        assertEquals("#/conflux?tab=flows", canary.path("link").asText());
        List<String> active = new ArrayList<>();
        staff.viewer.read(ALERTS, "Active").forEach(a -> active.add(a.path("id").asText() + " " + a.path("state")));
        List<String> others = active.stream().filter(a -> !a.startsWith(CANARY + "/")).toList();
        assertEquals("nothing but the canary fires or is pending on a healthy distribution: " + active, List.of(),
                others);
        assertTrue(staff.viewer.read(ALERTS, "FiringCount").asInt() >= 1);

        String list = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD)
                .run("conflux:alert-list");
        assertTrue(list, list.contains(CANARY_ALERT) && list.contains("FIRING"));
    }

    @Test
    public void aBadRuleIsInvalidWithFileKeyAndReasonAndTheOthersKeepWorking() throws Exception {
        write("it-bad-kind", "kind = queue-dpth\nqueue = *\n");
        write("it-negative", "kind = queue-depth\nqueue = *\nthreshold = -5\n");
        write("it-channel", "kind = dead-letters\nqueue = *\nchannels = log, pager\n");
        Map<String, JsonNode> rules = Await.until("three INVALID rules", Duration.ofMinutes(1), () -> {
            Map<String, JsonNode> r = rules();
            return List.of("it-bad-kind", "it-negative", "it-channel").stream()
                    .allMatch(n -> r.containsKey(n) && "INVALID".equals(r.get(n).path("status").asText())) ? r : null;
        });
        String file = etc.resolve("conflux.alert-it-bad-kind.cfg").toString();
        assertEquals(file + ": key 'kind': unknown kind 'queue-dpth' (did you mean 'queue-depth'?); kinds: "
                + "queue-depth, queue-age, dead-letters, flow-failure-ratio, flow-not-started, flow-slow, "
                + "endpoint-slow, flow-silence, connector-down, certificate-expiry, endpoint-error-ratio",
                rules.get("it-bad-kind").path("problem").asText());
        String negative = rules.get("it-negative").path("problem").asText();
        assertTrue(negative, negative.startsWith(etc.resolve("conflux.alert-it-negative.cfg") + ": key 'threshold':"
                + " '-5' is negative"));
        String channel = rules.get("it-channel").path("problem").asText();
        assertTrue(channel, channel.contains("key 'channels': unknown channel 'pager'; channels: log"));

        for (String name : DEFAULTS) {
            assertEquals(name, "ACTIVE", rules.get(name).path("status").asText());
        }
        assertEquals("FIRING", alert(CANARY_ALERT).path("state").asText());
        String shown = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD)
                .run("conflux:alert-list --rules");
        assertTrue(shown, shown.contains("it-negative") && shown.contains("INVALID"));
    }

    @Test
    public void operatorsAcknowledgeAndSilenceAuditedViewersOnlyLook() throws Exception {
        SupportStaff.assertRefused(staff.viewer.execAnswer(ALERTS, "acknowledge", CANARY_ALERT, "mine"));
        SupportStaff.assertRefused(staff.viewer.execAnswer(ALERTS, "silence", CANARY, "2h", "mine"));

        JsonNode acked = staff.operator.exec(ALERTS, "acknowledge", CANARY_ALERT, "deploying it");
        assertEquals("jmx:" + ConfluxDistribution.OPERATOR, acked.path("acknowledgedBy").asText());
        assertEquals("deploying it", acked.path("acknowledgeComment").asText());
        SupportStaff.assertCaller(staff.auditEntry("alert.acknowledge", CANARY_ALERT), staff.operator);

        JsonNode bad = staff.operator.execAnswer(ALERTS, "silence", CANARY, "soon", "x");
        assertTrue(bad.toString(), bad.path("error").asText().contains("'soon' is not a duration"));
        assertEquals(bad.toString(), 400, bad.path("status").asInt());

        JsonNode silenced = staff.operator.exec(ALERTS, "silence", CANARY, "2h", "known, deploying");
        assertEquals("SILENCED", silenced.path("status").asText());
        assertEquals("known, deploying", silenced.path("silenceReason").asText());
        assertTrue(silenced.toString(), !silenced.path("silencedUntil").isNull());
        SupportStaff.assertCaller(staff.auditEntry("alert.silence", CANARY), staff.operator);
        assertTrue(Await.until("the canary shown silenced", Duration.ofSeconds(30),
                () -> alert(CANARY_ALERT).path("silenced").asBoolean()));

        Shell viewerShell = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        // Karaf hides a command from a user whose roles do not allow it
        assertEquals("Command not found: conflux:alert-unsilence", viewerShell.run("conflux:alert-unsilence " + CANARY)
                .replaceAll("\\u001B\\[[0-9;]*m", "").trim());
        String lifted = CONFLUX.shell(ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD)
                .run("conflux:alert-unsilence " + CANARY);
        assertTrue(lifted, lifted.contains("Silence of " + CANARY + " lifted; it is ACTIVE"));
        assertEquals("ACTIVE", rules().get(CANARY).path("status").asText());
    }
}
