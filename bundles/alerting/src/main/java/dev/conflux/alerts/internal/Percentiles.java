package dev.conflux.alerts.internal;

import java.util.Locale;

/** Quantiles from histogram buckets, as Prometheus's {@code histogram_quantile()} estimates them. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param bounds  bucket upper bounds, seconds, ascending
     * @param buckets cumulative counts (values at most each bound)
     * @param total   all values, also those above the last bound
     * @return the estimate, seconds (linear within the bucket); the last bound when it lies above every bound
     */
    static double quantile(double q, double[] bounds, long[] buckets, long total) {
        double rank = q * total;
        for (int i = 0; i < bounds.length && i < buckets.length; i++) {
            if (buckets[i] >= rank) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                long below = i == 0 ? 0 : buckets[i - 1];
                long in = buckets[i] - below;
                return in == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / in;
            }
        }
        return bounds[bounds.length - 1];
    }

    /** Seconds as people read them: 850ms, 2.4s. */
    static String format(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + "ms" : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
