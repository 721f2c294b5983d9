package dev.conflux.apiusage.api;

import java.time.Instant;

/**
 * One step of a usage trend: a minute (5m and 1h windows), an hour (1d) or a day (30d), from {@code start}.
 * A step without calls is there too, with zeros.
 */
public record UsagePoint(Instant start, long calls, long clientErrors, long serverErrors, double p50Millis,
        double p95Millis, double p99Millis) {
}
