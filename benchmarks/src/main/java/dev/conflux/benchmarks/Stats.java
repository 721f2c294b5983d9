package dev.conflux.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One measured run: how many, how long, latency percentiles, CPU. {@code containerCpuMs} is the server's CPU: the
 * container's process (its broker included), plus a baseline's own process when it runs apart from the container
 * (B1's relay, B2's plain Camel); {@code clientCpuMs} is the benchmark JVM's (producers, listener, HTTP clients).
 */
record Stats(long count, double seconds, double p50, double p95, double p99, long containerCpuMs, long clientCpuMs) {

    double throughput() {
        return count / seconds;
    }

    /** The server side's CPU time (see the record's description). */
    long serverCpuMs() {
        return containerCpuMs;
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

    /** Throughput of a[i] / throughput of b[i]: the ratio of each pair measured in the same round. */
    static List<Double> ratios(Stats[] a, Stats[] b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            ratios.add(a[i].throughput() / b[i].throughput());
        }
        return ratios;
    }

    /** values[i] / base[i]. */
    static List<Double> ratios(List<Double> values, List<Double> base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(values.get(i) / base.get(i));
        }
        return ratios;
    }

    /** The median (the upper one of an even count, as {@link #median(Stats...)}). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** "0.97 (0.93–1.02)": the median and the min–max of the values. */
    static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /** "[0.97, 1.01, 0.93]". */
    static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }
}
