package dev.conflux.apiusage.api;

import java.time.Instant;

/**
 * One step of a usage trend from {@code start}: a minute (5m window), 5 minutes (1h), an hour (1d) or 24 hours
 * (30d). A step without calls is there too, with zeros.
 */
public record UsagePoint(Instant start, long calls, long clientErrors, long serverErrors, double p50Millis,
        double p95Millis, double p99Millis) {
}
