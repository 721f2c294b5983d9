package dev.conflux.monitoring.internal.metrics;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The last answer of a service, taken again when older than {@code maxAgeMillis}: gauges read it at scrape time,
 * and however many gauges (and scrapes) there are, the service is asked at most once per period.
 */
final class Snapshot<T> {

    private final Supplier<T> source;
    private final long maxAgeMillis;
    private final Clock clock;
    private final T empty;
    private T value;
    private long takenAt = Long.MIN_VALUE;

    Snapshot(Supplier<T> source, long maxAgeMillis, Clock clock, T empty) {
        this.source = source;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
        this.empty = empty;
    }

    synchronized T get() {
        long now = clock.millis();
        if (value == null || now - takenAt >= maxAgeMillis) {
            try {
                value = source.get();
            } catch (RuntimeException e) {
                value = empty; // the service is going away or failed: report nothing rather than stale values
            }
            takenAt = now;
        }
        return value;
    }
}
