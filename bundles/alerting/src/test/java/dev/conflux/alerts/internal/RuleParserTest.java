package dev.conflux.alerts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.alerts.api.Periods;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RuleParserTest {

    private static final String FILE = "/opt/conflux/etc/conflux.alert-x.cfg";
    private static final List<String> CHANNELS = List.of("log", "ops-mail");

    private static RuleParser.Parsed parse(String... keyValues) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return RuleParser.parse("x", FILE, raw, CHANNELS);
    }

    private static String problem(RuleParser.Parsed p) {
        assertNull("INVALID", p.spec());
        assertNotNull(p.problem());
        assertTrue(p.problem(), p.problem().startsWith(FILE + ": "));
        return p.problem();
    }

    @Test
    public void theShippedDefaultsParseWithTheirDefaultsFilledIn() {
        RuleSpec dl = parse("kind", "dead-letters", "queue", "*", "threshold", "1", "window", "5m",
                "severity", "critical").spec();
        assertEquals(RuleKind.DEAD_LETTERS, dl.kind());
        assertTrue(dl.everyTarget());
        assertEquals(Duration.ZERO, dl.forDuration());
        assertEquals(List.of("log"), dl.channels());
        assertEquals(Duration.ofHours(4), dl.repeat());

        RuleSpec failures = parse("kind", "flow-failure-ratio", "flow", "*", "ratio", "0.05", "minCount", "20",
                "window", "5m", "severity", "critical", "channels", "log, ops-mail").spec();
        assertEquals(0.05, failures.ratio(), 0);
        assertEquals(20, failures.minCount());
        assertEquals(List.of("log", "ops-mail"), failures.channels());

        RuleSpec certs = parse("kind", "certificate-expiry", "days", "30").spec();
        assertNull(certs.target());
        assertEquals("a rule without target has one alert, named after it", "x", certs.alertId(null));
        assertEquals(10, parse("kind", "endpoint-error-ratio", "endpoint", "/api/orders", "ratio", "0.1")
                .spec().minCount());
    }

    @Test
    public void anUnknownKindOrKeyIsInvalidWithFileKeyAndDidYouMean() {
        String kind = problem(parse("kind", "queue-dpth", "queue", "orders", "threshold", "5"));
        assertTrue(kind, kind.contains("key 'kind': unknown kind 'queue-dpth' (did you mean 'queue-depth'?)"));

        String key = problem(parse("kind", "queue-depth", "queue", "orders", "treshold", "5"));
        assertTrue(key, key.contains("key 'treshold' is not a key of a queue-depth rule (did you mean 'threshold'?)"));
        assertTrue("the missing one is named too: " + key, key.contains("key 'threshold' is required"));

        String missing = problem(parse("threshold", "5"));
        assertTrue(missing, missing.contains("key 'kind' is required"));
    }

    @Test
    public void badValuesAreInvalidSayingWhatIsExpected() {
        String negative = problem(parse("kind", "queue-depth", "queue", "orders", "threshold", "-5"));
        assertTrue(negative, negative.contains("key 'threshold': '-5' is negative"));

        String duration = problem(parse("kind", "queue-age", "queue", "orders", "maxAge", "15 minutes"));
        assertTrue(duration, duration.contains("key 'maxAge': '15 minutes' is not a duration"));

        String ratio = problem(parse("kind", "flow-failure-ratio", "flow", "*", "ratio", "5"));
        assertTrue(ratio, ratio.contains("key 'ratio': '5' is out of range"));

        String severity = problem(parse("kind", "connector-down", "connector", "*", "severity", "critcal"));
        assertTrue(severity, severity.contains("(did you mean 'critical'?)"));

        String hours = problem(parse("kind", "flow-silence", "flow", "orders", "idle", "30m",
                "activeHours", "Mon-Fry 08:00-18:00"));
        assertTrue(hours, hours.contains("key 'activeHours': 'Mon-Fry 08:00-18:00' is not a time window"));

        String target = problem(parse("kind", "flow-slow", "p95", "2s"));
        assertTrue(target, target.contains("key 'flow' is required"));
    }

    @Test
    public void anUnknownChannelIsInvalidAndNamesTheChannelsThereAre() {
        String p = problem(parse("kind", "dead-letters", "queue", "*", "channels", "log, ops-mial"));
        assertTrue(p, p.contains("key 'channels': unknown channel 'ops-mial' (did you mean 'ops-mail'?);"
                + " channels: log, ops-mail"));
    }

    @Test
    public void durationsAreShortFormsOrIso() {
        assertEquals(Duration.ofSeconds(30), Periods.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Periods.parse("5m"));
        assertEquals(Duration.ofHours(2), Periods.parse("2h"));
        assertEquals(Duration.ofDays(1), Periods.parse("1d"));
        assertEquals(Duration.ofMinutes(5), Periods.parse("PT5M"));
        assertEquals(Duration.ofHours(2), parse("kind", "flow-not-started", "flow", "*", "for", "PT2H")
                .spec().forDuration());
    }

    @Test
    public void activeHoursCoverTheirDaysAndTimes() {
        ActiveHours office = ActiveHours.parse("Mon-Fri 08:00-18:00");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        ZonedDateTime tuesday = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, zone);
        assertEquals(DayOfWeek.TUESDAY, tuesday.getDayOfWeek());
        assertTrue(office.contains(tuesday));
        assertTrue(!office.contains(tuesday.withHour(18)));
        assertTrue(!office.contains(tuesday.withHour(7)));
        assertTrue(!office.contains(tuesday.plusDays(4))); // Saturday
        assertEquals(tuesday.withHour(8), office.openedAt(tuesday));

        ActiveHours night = ActiveHours.parse("22:00-06:00");
        assertTrue(night.contains(tuesday.withHour(23)));
        assertTrue(night.contains(tuesday.withHour(5)));
        assertTrue(!night.contains(tuesday.withHour(12)));
        assertTrue(ActiveHours.parse("always").contains(tuesday));
    }
}
