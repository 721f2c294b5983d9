package dev.conflux.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Samples of counters (one or several, e.g. the buckets of a histogram) taken at each evaluation, to tell how much
 * they grew within a window, as Prometheus's {@code increase()} does: a counter that went down was reset (its flow
 * restarted, the broker restarted) and counts from zero. Keeps only what the window needs.
 */
public final class Series {

    private record Sample(Instant at, long[] values) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Adds the counters' values now. */
    public void add(Instant at, long... values) {
        samples.addLast(new Sample(at, values.clone()));
    }

    /** Drops samples older than the window, keeping the newest one before it as the base. */
    public void trim(Instant now, Duration window) {
        Instant start = now.minus(window);
        while (samples.size() > 1) {
            Sample second = samples.stream().skip(1).findFirst().orElseThrow();
            if (second.at().isAfter(start)) {
                break;
            }
            samples.removeFirst();
        }
    }

    /**
     * How much each counter grew from the oldest sample kept to the newest (zeros with fewer than two samples or
     * when the number of counters changed, e.g. a histogram got other buckets).
     */
    public long[] increase() {
        if (samples.isEmpty()) {
            return new long[0];
        }
        int n = samples.peekLast().values().length;
        long[] total = new long[n];
        long[] previous = null;
        for (Sample s : samples) {
            if (s.values().length != n) {
                previous = null;
                total = new long[n];
                continue;
            }
            if (previous != null) {
                for (int i = 0; i < n; i++) {
                    long step = s.values()[i] - previous[i];
                    total[i] += step >= 0 ? step : s.values()[i];
                }
            }
            previous = s.values();
        }
        return total;
    }

    /** The first counter's increase. */
    public long increaseOfFirst() {
        long[] inc = increase();
        return inc.length == 0 ? 0 : inc[0];
    }

    /** When the oldest sample kept was taken; null when none. */
    public Instant since() {
        return samples.isEmpty() ? null : samples.peekFirst().at();
    }
}
