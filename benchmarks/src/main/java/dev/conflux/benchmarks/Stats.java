package dev.conflux.benchmarks;

import java.util.Arrays;

/** One measured run: how many, how long, latency percentiles, CPU. */
record Stats(long count, double seconds, double p50, double p95, double p99, long containerCpuMs, long clientCpuMs) {

    double throughput() {
        return count / seconds;
    }

    static Stats of(long count, double seconds, long[] latenciesNanos, long containerCpuMs, long clientCpuMs) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Stats(count, seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), containerCpuMs, clientCpuMs);
    }

    /** Milliseconds. */
    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** The run with the median throughput. */
    static Stats median(Stats... runs) {
        Stats[] sorted = runs.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a.throughput(), b.throughput()));
        return sorted[sorted.length / 2];
    }
}
