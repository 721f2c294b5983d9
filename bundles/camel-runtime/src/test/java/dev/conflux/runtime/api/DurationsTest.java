package dev.conflux.runtime.api;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class DurationsTest {

    @Test
    public void formatsEachMagnitudeTheWayOperatorsReadIt() {
        assertEquals("9s", Durations.format(Duration.ofSeconds(9)));
        assertEquals("4m12s", Durations.format(Duration.ofSeconds(4 * 60 + 12)));
        assertEquals("4m02s", Durations.format(Duration.ofSeconds(4 * 60 + 2)));
        assertEquals("2h05m", Durations.format(Duration.ofMinutes(125)));
        assertEquals("3d4h", Durations.format(Duration.ofHours(76)));
        assertEquals("0s", Durations.format(Duration.ofSeconds(-5)));
    }

    @Test
    public void neverReadsAsDash() {
        assertEquals("-", Durations.since(null));
        assertEquals("-", Durations.ago(null));
    }

    @Test
    public void agoAppendsAgo() {
        String ago = Durations.ago(Instant.now().minusSeconds(125));
        assertEquals(true, ago.matches("2m0[5-9]s ago"));
    }
}
