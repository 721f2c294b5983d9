package dev.conflux.tracing.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import org.junit.Test;

public class SinceTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    public void periodsBackFromNowMomentsAndBlank() {
        assertEquals(Instant.parse("2026-12-02T11:30:00Z"), Since.parse("30m", NOW));
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), Since.parse(" 2h ", NOW));
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), Since.parse("7d", NOW));
        assertEquals(Instant.parse("2026-12-02T11:59:15Z"), Since.parse("45s", NOW));
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), Since.parse("PT2H", NOW));
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), Since.parse("2026-12-01T08:00:00Z", NOW));
        assertNull(Since.parse("", NOW));
        assertNull(Since.parse(null, NOW));
    }

    @Test
    public void anythingElseSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Since.parse("1 week", NOW));
        assertTrue(e.getMessage(), e.getMessage().contains("30m, 2h, 7d"));
    }
}
