package dev.conflux.alerts.internal.channels;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ChannelSpecTest {

    private static final String FILE = "etc/conflux.alert.channel-ops.cfg";

    private static ChannelSpec check(Map<String, String> values) {
        return ChannelSpec.check("ops", FILE, values);
    }

    private static void assertProblem(ChannelSpec spec, String... parts) {
        assertFalse("expected INVALID: " + spec, spec.valid());
        assertTrue(spec.problem(), spec.problem().startsWith(FILE + ": "));
        for (String part : parts) {
            assertTrue("'" + part + "' in: " + spec.problem(), spec.problem().contains(part));
        }
    }

    @Test
    public void aCompleteWebhookIsValid() {
        ChannelSpec spec = check(Map.of("type", "webhook", "url", "https://hooks.example.com/T1/B2?x=1",
                "timeout", "5s", "header.X-Token", "abc"));
        assertNull(spec.problem());
        assertEquals(Map.of("X-Token", "abc"), spec.headers());
        assertTrue(spec.warnings().isEmpty());
    }

    @Test
    public void aCompleteEmailIsValid() {
        ChannelSpec spec = check(Map.of("type", "email", "connector", "smtp", "to", "ops@example.com, a@b.org",
                "from", "conflux@example.com", "subjectPrefix", "[ESB]"));
        assertNull(spec.problem());
        assertEquals(List.of("ops@example.com", "a@b.org"), spec.list("to"));
    }

    @Test
    public void aMisspeltTypeIsNamedWithASuggestion() {
        assertProblem(check(Map.of("type", "emial")), "key 'type'", "'emial' is not a channel type",
                "did you mean 'email'?", "types: email, log, webhook");
    }

    @Test
    public void aMissingTypeIsRequired() {
        assertProblem(check(Map.of("url", "https://x.example.com")), "key 'type' is required");
    }

    @Test
    public void aMisspeltKeyIsNamedWithASuggestion() {
        assertProblem(check(Map.of("type", "webhook", "url", "https://x.example.com", "timout", "5s")),
                "key 'timout' is not a key of a webhook channel", "did you mean 'timeout'?");
    }

    @Test
    public void requiredKeysAreNamed() {
        assertProblem(check(Map.of("type", "email", "to", "ops@example.com")),
                "key 'connector' is required for a email channel");
        assertProblem(check(Map.of("type", "webhook")), "key 'url' is required");
    }

    @Test
    public void badValuesSayWhatIsExpected() {
        assertProblem(check(Map.of("type", "webhook", "url", "ftp://x.example.com")),
                "key 'url': 'ftp://x.example.com' is not an http:// or https:// URL");
        assertProblem(check(Map.of("type", "webhook", "url", "https://x.example.com", "timeout", "-5s")),
                "key 'timeout'", "not a duration");
        assertProblem(check(Map.of("type", "webhook", "url", "https://x.example.com", "timeout", "0s")),
                "key 'timeout'", "not a positive duration");
        assertProblem(check(Map.of("type", "email", "connector", "smtp", "to", "ops")),
                "key 'to': 'ops' is not a mail address");
        assertProblem(check(Map.of("type", "webhook", "url", "https://u:p@x.example.com")),
                "credentials do not belong in the URL");
        assertProblem(check(Map.of("type", "webhook", "url", "https://x.example.com", "header.X Bad", "1")),
                "key 'header.X Bad'");
    }

    @Test
    public void aPasswordNeedsAUserAndIsWarnedAboutInClearText() {
        assertProblem(check(Map.of("type", "webhook", "url", "https://x.example.com", "password", "p")),
                "key 'username' is required with 'password'");
        ChannelSpec clear = check(Map.of("type", "webhook", "url", "https://x.example.com", "username", "u",
                "password", "p"));
        assertTrue(clear.valid());
        assertEquals(1, clear.warnings().size());
        ChannelSpec encrypted = check(Map.of("type", "webhook", "url", "https://x.example.com", "username", "u",
                "password", "ENC(abc=)"));
        assertTrue(encrypted.valid());
        assertEquals(List.of(), encrypted.warnings());
    }

    @Test
    public void theBuiltInNameAndBadNamesAreRefused() {
        ChannelSpec log = ChannelSpec.check("log", FILE, Map.of("type", "log"));
        assertFalse(log.valid());
        assertTrue(log.problem().contains("built-in"));
        assertFalse(ChannelSpec.check("Ops Team", FILE, Map.of("type", "log")).valid());
    }

    @Test
    public void durationsInBothForms() {
        assertEquals(Duration.ofSeconds(30), ChannelSpec.duration("30s"));
        assertEquals(Duration.ofMinutes(5), ChannelSpec.duration("PT5M"));
        assertEquals(Duration.ofDays(1), ChannelSpec.duration("1d"));
        assertEquals(Duration.ofMillis(500), ChannelSpec.duration("500ms"));
    }
}
