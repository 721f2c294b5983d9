package dev.conflux.integrations.internal;

import dev.conflux.runtime.api.FlowStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Messages a flow processed today, from the runtime's counters (which count since the running revision started):
 * a flow started today counts from its start; otherwise from the first look at it today ({@link #observe} runs
 * every minute, so that is within a minute of midnight while the container runs). {@code since} says which.
 */
final class DailyCounts {

    record Count(long processed, long failed, Instant since) {
    }

    private record Baseline(LocalDate day, Instant startedAt, long total, long failed, Instant takenAt) {
    }

    private final Clock clock;
    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

    DailyCounts(Clock clock) {
        this.clock = clock;
    }

    Count observe(FlowStatus s) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        Instant midnight = today.atStartOfDay(clock.getZone()).toInstant();
        if (s.startedAt() == null) {
            return new Count(0, 0, midnight);
        }
        if (!s.startedAt().isBefore(midnight)) {
            return new Count(s.exchangesTotal(), s.exchangesFailed(), s.startedAt());
        }
        Baseline b = baselines.compute(s.name(), (name, known) -> known != null && known.day().equals(today)
                && known.startedAt().equals(s.startedAt()) ? known
                : new Baseline(today, s.startedAt(), s.exchangesTotal(), s.exchangesFailed(), now));
        return new Count(s.exchangesTotal() - b.total(), s.exchangesFailed() - b.failed(), b.takenAt());
    }
}
