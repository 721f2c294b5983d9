package dev.conflux.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a run: printed as one table (then each row's notes) and written to results.txt, results.csv and
 * results.json. CPU is per 1000 messages or requests: the server's (the container's process, plus a baseline's own
 * process when it runs apart from the container) for each side, and the client's (the benchmark JVM: producers,
 * listener, HTTP clients) in a column of its own, "Conflux side/baseline side".
 */
final class Results {

    /** Every row has every key (in this order), so that the CSV's columns line up. */
    private static final List<String> KEYS = List.of("case", "work", "measured", "baseline", "unit", "value",
            "baselineValue", "ratio", "ratioMin", "ratioMax", "pairRatios", "p50", "p95", "p99", "baselineP50",
            "baselineP95", "baselineP99", "serverCpuMsPer1k", "baselineServerCpuMsPer1k", "clientCpuMsPer1k",
            "baselineClientCpuMsPer1k", "containerRssMiB", "notes");
    private static final String FORMAT = "%-6s %-6s %10s %10s %6s %11s %20s %20s %10s %10s %13s%n";

    private final Path work;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    Results(Path work) {
        this.work = work;
    }

    void row(String id, String work, String measured, String baseline, String unit, double value, double base,
            Stats m, Stats b, Double rssMiB, String notes) {
        row(id, work, measured, baseline, unit, value, base, m, b, rssMiB, notes, null);
    }

    /**
     * A row with its baseline and, when the two sides were measured in rounds, the ratio of each round's pair
     * ({@code pairRatios}, null if none): results.json then has their min and max as {@code ratioMin} and
     * {@code ratioMax}, and the table their spread.
     */
    void row(String id, String work, String measured, String baseline, String unit, double value, double base,
            Stats m, Stats b, Double rssMiB, String notes, List<Double> pairRatios) {
        System.out.printf(Locale.ROOT, "%s %s: %.2f %s vs %.2f (%s)%n", id, measured, value, unit, base, baseline);
        Map<String, Object> r = newRow(id, work, measured, baseline, unit, value, notes);
        r.put("baselineValue", base);
        r.put("ratio", value / base);
        if (pairRatios != null && !pairRatios.isEmpty()) {
            r.put("ratioMin", pairRatios.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
            r.put("ratioMax", pairRatios.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
            r.put("pairRatios", List.copyOf(pairRatios));
        }
        if (m != null) {
            r.put("p50", m.p50());
            r.put("p95", m.p95());
            r.put("p99", m.p99());
            r.put("baselineP50", b.p50());
            r.put("baselineP95", b.p95());
            r.put("baselineP99", b.p99());
            r.put("serverCpuMsPer1k", 1000.0 * m.serverCpuMs() / m.count());
            r.put("baselineServerCpuMsPer1k", 1000.0 * b.serverCpuMs() / b.count());
            r.put("clientCpuMsPer1k", 1000.0 * m.clientCpuMs() / m.count());
            r.put("baselineClientCpuMsPer1k", 1000.0 * b.clientCpuMs() / b.count());
        }
        r.put("containerRssMiB", rssMiB);
        rows.add(r);
    }

    /** A row without a baseline: a value and/or latency percentiles (the same columns as {@link #row}). */
    void single(String id, String work, String measured, String unit, Double value, Stats latencies, String notes) {
        if (value != null) {
            System.out.printf(Locale.ROOT, "%s %s: %.2f %s%n", id, measured, value, unit);
        }
        Map<String, Object> r = newRow(id, work, measured, "-", unit, value, notes);
        r.put("p50", latencies == null ? null : latencies.p50());
        r.put("p95", latencies == null ? null : latencies.p95());
        r.put("p99", latencies == null ? null : latencies.p99());
        rows.add(r);
    }

    private static Map<String, Object> newRow(String id, String work, String measured, String baseline, String unit,
            Double value, String notes) {
        Map<String, Object> r = new LinkedHashMap<>();
        KEYS.forEach(k -> r.put(k, null));
        r.put("case", id);
        r.put("work", work);
        r.put("measured", measured);
        r.put("baseline", baseline);
        r.put("unit", unit);
        r.put("value", value);
        r.put("notes", notes);
        return r;
    }

    void print() throws Exception {
        if (rows.isEmpty()) {
            System.out.println("No results.");
            return;
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, FORMAT, "case", "unit", "Conflux", "baseline", "ratio", "min-max",
                "p50/p95/p99 ms", "base p50/p95/p99", "srv cpu/1k", "base srv", "client cpu/1k"));
        StringBuilder csv = new StringBuilder(String.join(",", KEYS) + "\n");
        StringBuilder json = new StringBuilder("[\n");
        StringBuilder notes = new StringBuilder();
        for (Map<String, Object> r : rows) {
            table.append(String.format(Locale.ROOT, FORMAT, r.get("case"), r.get("unit"), num(r.get("value")),
                    num(r.get("baselineValue")), num(r.get("ratio")),
                    r.get("ratioMin") == null ? "-" : num(r.get("ratioMin")) + "-" + num(r.get("ratioMax")),
                    triple(r.get("p50"), r.get("p95"), r.get("p99")),
                    triple(r.get("baselineP50"), r.get("baselineP95"), r.get("baselineP99")),
                    ms(r.get("serverCpuMsPer1k")), ms(r.get("baselineServerCpuMsPer1k")),
                    r.get("clientCpuMsPer1k") == null ? "-"
                            : ms(r.get("clientCpuMsPer1k")) + "/" + ms(r.get("baselineClientCpuMsPer1k"))));
            if (r.get("notes") != null && !r.get("notes").toString().isBlank()) {
                notes.append(r.get("case")).append(": ").append(r.get("notes")).append('\n');
            }
            List<String> cells = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            for (String k : KEYS) {
                Object v = r.get(k);
                cells.add(v == null ? "" : "\"" + csvText(v).replace("\"", "'") + "\"");
                fields.add("\"" + k + "\": " + json(v));
            }
            csv.append(String.join(",", cells)).append('\n');
            json.append("  {").append(String.join(", ", fields)).append("},\n");
        }
        json.setLength(json.length() - 2);
        json.append("\n]\n");
        if (!notes.isEmpty()) {
            table.append("\nNotes:\n").append(notes);
        }
        System.out.println();
        for (Map<String, Object> r : rows) {
            System.out.println(r.get("case") + ": " + r.get("work") + " — " + r.get("measured") + " vs " + r.get("baseline"));
        }
        System.out.println("CPU ms per 1000: server (container, plus a baseline's own process) for each side; client"
                + " (benchmark JVM) as Conflux side/baseline side. min-max: the spread of the per-round ratios.");
        System.out.println();
        System.out.print(table);
        Files.writeString(work.resolve("results.txt"), table);
        Files.writeString(work.resolve("results.csv"), csv);
        Files.writeString(work.resolve("results.json"), json);
        System.out.println("\nWritten: " + work.resolve("results.json") + ", results.csv, results.txt");
    }

    private static String csvText(Object v) {
        return v instanceof List<?> list ? String.join(";", list.stream().map(Results::num).toList()) : String.valueOf(v);
    }

    private static String json(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? "null"
                    : java.math.BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                            .toPlainString();
        }
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(Results::json).toList()) + "]";
        }
        return v == null ? "null" : "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "'").replace("\n", " ") + "\"";
    }

    static Object sum(Object a, Object b) {
        return a == null || b == null ? null : ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }

    static String num(Object o) {
        if (!(o instanceof Number n)) {
            return "-";
        }
        double d = n.doubleValue();
        return Double.isNaN(d) || Double.isInfinite(d) ? "-" : d >= 100 ? String.format(Locale.ROOT, "%.0f", d)
                : String.format(Locale.ROOT, "%.2f", d);
    }

    /** Whole milliseconds. */
    static String ms(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? String.format(Locale.ROOT, "%.0f", n.doubleValue())
                : "-";
    }

    static String triple(Object a, Object b, Object c) {
        return a == null ? "-" : num(a) + "/" + num(b) + "/" + num(c);
    }
}
