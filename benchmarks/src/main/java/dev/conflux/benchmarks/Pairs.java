package dev.conflux.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Runs of a measured side (Conflux) and its baseline taken alternately, A B, B A, A B, ...: the load generator
 * shares the machine and warms up too, so measuring one side entirely before the other favours whichever comes
 * second. Pair i is (a[i], b[i]).
 */
final class Pairs {

    interface Side {
        HttpLoad.Run run() throws Exception;
    }

    final List<HttpLoad.Run> a = new ArrayList<>();
    final List<HttpLoad.Run> b = new ArrayList<>();

    /**
     * Repetitions of the HTTP cases: {@code bench.repeat} if given, else at least 5 (the per-pair spread means
     * little with fewer).
     */
    static int repetitions() {
        return System.getProperty("bench.repeat") != null ? Benchmarks.REPEAT : Math.max(5, Benchmarks.REPEAT);
    }

    static Pairs alternate(int n, Side a, Side b) throws Exception {
        Pairs pairs = new Pairs();
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                pairs.a.add(a.run());
                pairs.b.add(b.run());
            } else {
                pairs.b.add(b.run());
                pairs.a.add(a.run());
            }
        }
        return pairs;
    }

    static double median(List<HttpLoad.Run> runs, ToDoubleFunction<HttpLoad.Run> f) {
        return Benchmarks.median(runs.stream().map(f::applyAsDouble).toList());
    }

    /** For a saturation row: the run with the median throughput (as every other case's row). */
    static Stats medianRun(List<HttpLoad.Run> runs) {
        return Stats.median(runs.stream().map(HttpLoad.Run::stats).toArray(Stats[]::new));
    }

    /**
     * For a fixed-rate row: each percentile the median of the runs' percentiles; count, seconds and CPU summed over
     * the runs (so CPU per request is over all of them).
     */
    static Stats medianLatencies(List<HttpLoad.Run> runs) {
        List<Stats> s = runs.stream().map(HttpLoad.Run::stats).toList();
        return new Stats(s.stream().mapToLong(Stats::count).sum(), s.stream().mapToDouble(Stats::seconds).sum(),
                Benchmarks.median(s.stream().map(Stats::p50).toList()),
                Benchmarks.median(s.stream().map(Stats::p95).toList()),
                Benchmarks.median(s.stream().map(Stats::p99).toList()),
                s.stream().mapToLong(Stats::containerCpuMs).sum(), s.stream().mapToLong(Stats::clientCpuMs).sum());
    }

    double medianThroughputA() {
        return median(a, HttpLoad.Run::throughput);
    }

    double medianThroughputB() {
        return median(b, HttpLoad.Run::throughput);
    }

    /** a[i] / b[i] of {@code f} for every pair. */
    List<Double> ratioList(ToDoubleFunction<HttpLoad.Run> f) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(f.applyAsDouble(a.get(i)) / f.applyAsDouble(b.get(i)));
        }
        return r;
    }

    /** Throughput a[i] / b[i] of every pair (a saturation row's pair ratios). */
    List<Double> throughputRatios() {
        return ratioList(HttpLoad.Run::throughput);
    }

    /** p99 a[i] / b[i] of every pair (a fixed-rate row's pair ratios: its value is the p99). */
    List<Double> p99Ratios() {
        return ratioList(r -> r.stats().p99());
    }

    /** a[i] / b[i] of {@code f} for every pair, and their min–max. */
    String ratios(String what, ToDoubleFunction<HttpLoad.Run> f) {
        List<Double> r = ratioList(f);
        return String.format(Locale.ROOT, "%s per pair %s (min-max %.2f-%.2f)", what,
                r.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(Collectors.joining(", ", "[", "]")),
                r.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                r.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    static String values(List<HttpLoad.Run> runs, String format, ToDoubleFunction<HttpLoad.Run> f) {
        return runs.stream().map(r -> String.format(Locale.ROOT, format, f.applyAsDouble(r)))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The notes of a saturation row: medians, CPU per request and the per-pair ratios with their spread. */
    String saturationNotes(String aName, String bName) {
        return String.format(Locale.ROOT, "%d pairs, alternating; median req/s %s %.0f vs %s %.0f (ratio %.2f); server"
                + " CPU per request (median of runs) %s %.1f us vs %s %.1f us (ratio %.2f); wrk CPU per request %.1f vs"
                + " %.1f us; %s; %s; req/s %s %s vs %s %s", a.size(), aName, medianThroughputA(), bName,
                medianThroughputB(), medianThroughputA() / medianThroughputB(), aName,
                median(a, HttpLoad.Run::serverCpuMicros), bName, median(b, HttpLoad.Run::serverCpuMicros),
                median(a, HttpLoad.Run::serverCpuMicros) / median(b, HttpLoad.Run::serverCpuMicros),
                median(a, HttpLoad.Run::clientCpuMicros), median(b, HttpLoad.Run::clientCpuMicros),
                ratios("throughput ratio", HttpLoad.Run::throughput),
                ratios("server CPU/request ratio", HttpLoad.Run::serverCpuMicros),
                aName, values(a, "%.0f", HttpLoad.Run::throughput), bName, values(b, "%.0f", HttpLoad.Run::throughput));
    }

    /** The notes of a fixed-rate row: the rate asked and achieved, CPU per request, the per-pair p99 ratios. */
    String latencyNotes(String aName, String bName) {
        double target = a.get(0).targetRate();
        Stats sa = medianLatencies(a);
        Stats sb = medianLatencies(b);
        String sustained = "";
        for (List<HttpLoad.Run> side : List.of(a, b)) {
            if (median(side, HttpLoad.Run::throughput) < 0.9 * target) {
                sustained += String.format(Locale.ROOT, " WARNING: %s did not sustain the rate (median %.0f of %.0f"
                        + " req/s): its latencies include queueing.", side == a ? aName : bName,
                        median(side, HttpLoad.Run::throughput), target);
            }
        }
        return String.format(Locale.ROOT, "%d pairs, alternating, at a fixed rate of %.0f req/s (wrk delay() on a schedule); achieved"
                + " %s %s vs %s %s req/s; each percentile the median of the runs'; server CPU per request %s %.1f us vs"
                + " %s %.1f us (ratio %.2f); %s; %s; p99 ms %s %s vs %s %s.%s", a.size(), target, aName,
                values(a, "%.0f", HttpLoad.Run::throughput), bName, values(b, "%.0f", HttpLoad.Run::throughput), aName,
                1000.0 * sa.containerCpuMs() / sa.count(), bName, 1000.0 * sb.containerCpuMs() / sb.count(),
                (double) sa.containerCpuMs() / sa.count() / ((double) sb.containerCpuMs() / sb.count()),
                ratios("p50 ratio", r -> r.stats().p50()), ratios("p99 ratio", r -> r.stats().p99()),
                aName, values(a, "%.2f", r -> r.stats().p99()), bName, values(b, "%.2f", r -> r.stats().p99()),
                sustained);
    }
}
