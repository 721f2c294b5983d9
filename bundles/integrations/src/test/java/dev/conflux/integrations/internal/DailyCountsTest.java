package dev.conflux.integrations.internal;

import static org.junit.Assert.assertEquals;

import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Test;

public class DailyCountsTest {

    private static FlowStatus status(Instant started, long total) {
        return new FlowStatus("f", "file:f", 1, FlowState.STARTED, started, total, 1, 0, 0, 0, null, null);
    }

    @Test
    public void aFlowStartedTodayCountsFromItsStartAnOlderOneFromTheFirstLookToday() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        DailyCounts counts = new DailyCounts(Clock.fixed(now, ZoneOffset.UTC));
        Instant today = Instant.parse("2026-12-03T08:00:00Z");
        assertEquals(new DailyCounts.Count(40, 1, today), counts.observe(status(today, 40)));
        Instant yesterday = Instant.parse("2026-12-02T08:00:00Z");
        assertEquals(0, counts.observe(status(yesterday, 500)).processed());
        DailyCounts.Count later = counts.observe(status(yesterday, 530));
        assertEquals(30, later.processed());
        assertEquals(now, later.since());
    }
}
