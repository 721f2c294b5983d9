package dev.conflux.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of a run: printed as one table and written to results.txt, results.csv and results.json. */
final class Results {

    private final Path work;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    Results(Path work) {
        this.work = work;
    }

    void row(String id, String work, String measured, String baseline, String unit, double value, double base,
            Stats m, Stats b, Double rssMiB, String notes) {
        System.out.printf(Locale.ROOT, "%s %s: %.2f %s vs %.2f (%s)%n", id, measured, value, unit, base, baseline);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("case", id);
        r.put("work", work);
        r.put("measured", measured);
        r.put("baseline", baseline);
        r.put("unit", unit);
        r.put("value", value);
        r.put("baselineValue", base);
        r.put("ratio", value / base);
        if (m != null) {
            r.put("p50", m.p50());
            r.put("p95", m.p95());
            r.put("p99", m.p99());
            r.put("baselineP50", b.p50());
            r.put("baselineP95", b.p95());
            r.put("baselineP99", b.p99());
            r.put("containerCpuMsPer1k", 1000.0 * m.containerCpuMs() / m.count());
            r.put("baselineContainerCpuMsPer1k", 1000.0 * b.containerCpuMs() / b.count());
            r.put("clientCpuMsPer1k", 1000.0 * m.clientCpuMs() / m.count());
            r.put("baselineClientCpuMsPer1k", 1000.0 * b.clientCpuMs() / b.count());
        }
        r.put("containerRssMiB", rssMiB);
        r.put("notes", notes);
        rows.add(r);
    }

    /** A row without a baseline: a value and/or latency percentiles (the same columns as {@link #row}). */
    void single(String id, String work, String measured, String unit, Double value, Stats latencies, String notes) {
        if (value != null) {
            System.out.printf(Locale.ROOT, "%s %s: %.2f %s%n", id, measured, value, unit);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("case", id);
        r.put("work", work);
        r.put("measured", measured);
        r.put("baseline", "-");
        r.put("unit", unit);
        r.put("value", value);
        for (String k : List.of("baselineValue", "ratio")) {
            r.put(k, null);
        }
        r.put("p50", latencies == null ? null : latencies.p50());
        r.put("p95", latencies == null ? null : latencies.p95());
        r.put("p99", latencies == null ? null : latencies.p99());
        for (String k : List.of("baselineP50", "baselineP95", "baselineP99", "containerCpuMsPer1k",
                "baselineContainerCpuMsPer1k", "clientCpuMsPer1k", "baselineClientCpuMsPer1k", "containerRssMiB")) {
            r.put(k, null);
        }
        r.put("notes", notes);
        rows.add(r);
    }

    void print() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-4s %-10s %12s %12s %7s %22s %22s %12s %12s%n", "case", "unit",
                "Conflux", "baseline", "ratio", "p50/p95/p99 ms", "baseline p50/p95/p99", "cpu ms/1k", "base cpu/1k"));
        StringBuilder csv = new StringBuilder(String.join(",", rows.get(0).keySet()) + "\n");
        StringBuilder json = new StringBuilder("[\n");
        for (Map<String, Object> r : rows) {
            table.append(String.format(Locale.ROOT, "%-4s %-10s %12s %12s %7s %22s %22s %12s %12s%n", r.get("case"),
                    r.get("unit"), num(r.get("value")), num(r.get("baselineValue")), num(r.get("ratio")),
                    triple(r.get("p50"), r.get("p95"), r.get("p99")),
                    triple(r.get("baselineP50"), r.get("baselineP95"), r.get("baselineP99")),
                    num(sum(r.get("containerCpuMsPer1k"), r.get("clientCpuMsPer1k"))),
                    num(sum(r.get("baselineContainerCpuMsPer1k"), r.get("baselineClientCpuMsPer1k")))));
            List<String> cells = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, Object> e : r.entrySet()) {
                cells.add(e.getValue() == null ? "" : "\"" + String.valueOf(e.getValue()).replace("\"", "'") + "\"");
                fields.add("\"" + e.getKey() + "\": " + (e.getValue() instanceof Number n ? num(n)
                        : e.getValue() == null ? "null" : "\"" + String.valueOf(e.getValue()).replace("\"", "'") + "\""));
            }
            csv.append(String.join(",", cells)).append('\n');
            json.append("  {").append(String.join(", ", fields)).append("},\n");
        }
        json.setLength(json.length() - 2);
        json.append("\n]\n");
        System.out.println();
        for (Map<String, Object> r : rows) {
            System.out.println(r.get("case") + ": " + r.get("work") + " — " + r.get("measured") + " vs " + r.get("baseline"));
        }
        System.out.println();
        System.out.print(table);
        Files.writeString(work.resolve("results.txt"), table);
        Files.writeString(work.resolve("results.csv"), csv);
        Files.writeString(work.resolve("results.json"), json);
        System.out.println("\nWritten: " + work.resolve("results.json") + ", results.csv, results.txt");
    }

    static Object sum(Object a, Object b) {
        return a == null || b == null ? null : ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }

    static String num(Object o) {
        if (!(o instanceof Number n)) {
            return "-";
        }
        double d = n.doubleValue();
        return Double.isNaN(d) ? "-" : d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }

    static String triple(Object a, Object b, Object c) {
        return a == null ? "-" : num(a) + "/" + num(b) + "/" + num(c);
    }
}
