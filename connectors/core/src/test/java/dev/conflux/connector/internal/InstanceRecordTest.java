package dev.conflux.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

/** What an instance shows of its health checks: when the last one succeeded and how long the last one took. */
public class InstanceRecordTest {

    @Test
    public void theLastSuccessSurvivesALaterFailureAndTheCheckDurationIsTheLastOnes() {
        InstanceRecord fresh = new InstanceRecord("p1", 1, "partner-a", "http", "x.cfg", "", null, Map.of(), null,
                Health.unknown());
        ConnectorInstance never = fresh.view();
        assertNull(never.lastSuccessAt());
        assertNull(never.checkDuration());

        Instant upAt = Instant.parse("2026-12-02T10:00:00Z");
        InstanceRecord up = fresh.withHealth(new Health(Health.Status.UP, "200", upAt), 120);
        assertEquals(upAt, up.view().lastSuccessAt());
        assertEquals(Duration.ofMillis(120), up.view().checkDuration());

        InstanceRecord down = up.withHealth(new Health(Health.Status.DOWN, "refused", upAt.plusSeconds(60)), 3000);
        assertEquals(ConnectorInstance.Status.DOWN, down.view().status());
        assertEquals(upAt, down.view().lastSuccessAt());
        assertEquals(Duration.ofSeconds(3), down.view().checkDuration());
    }
}
