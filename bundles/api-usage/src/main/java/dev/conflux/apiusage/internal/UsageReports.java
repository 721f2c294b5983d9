package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.FlowCounter;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a window's slices into what users read: rows per group, a trend, per-flow counters. */
final class UsageReports {

    private UsageReports() {
    }

    /** One row per group, the most called first (then by name). */
    static List<UsageRow> rows(UsageLedger.Slices slices, Grouping by) throws SQLException {
        Map<Key, Tally> groups = new LinkedHashMap<>();
        slices.each(s -> {
            Key k = s.key();
            Key group = switch (by) {
                case OPERATION -> new Key(k.endpoint(), k.operation(), "");
                case CONSUMER -> new Key("", "", k.consumer());
                case BOTH -> k;
            };
            groups.computeIfAbsent(group, g -> new Tally()).add(s.tally());
        });
        List<UsageRow> rows = new ArrayList<>();
        groups.forEach((k, t) -> rows.add(row(k, t)));
        rows.sort(Comparator.comparingLong(UsageRow::calls).reversed().thenComparing(UsageRow::operation)
                .thenComparing(UsageRow::consumer));
        return rows;
    }

    static UsageRow row(Key k, Tally t) {
        return new UsageRow(k.endpoint(), k.operation(), k.consumer(), t.calls(), t.ok(), t.clientErrors(),
                t.serverErrors(), t.millisAt(50), t.millisAt(95), t.millisAt(99), t.maxMillis(), t.bytesIn(),
                t.bytesOut());
    }

    /** Every step of the window from {@code from}, zeros where nothing was called. */
    static List<UsagePoint> trend(UsageLedger.Slices slices, Window w, long from, String operation)
            throws SQLException {
        long step = step(w);
        int steps = (int) (w.length().toMillis() / step);
        Tally[] tallies = new Tally[steps];
        for (int i = 0; i < steps; i++) {
            tallies[i] = new Tally();
        }
        slices.each(s -> {
            int i = (int) Math.floorDiv(s.start() - from, step);
            if ((operation == null || operation.isEmpty() || operation.equals(s.key().operation())) && i >= 0
                    && i < steps) {
                tallies[i].add(s.tally());
            }
        });
        List<UsagePoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            Tally t = tallies[i];
            points.add(new UsagePoint(Instant.ofEpochMilli(from + i * step), t.calls(), t.clientErrors(),
                    t.serverErrors(), t.millisAt(50), t.millisAt(95), t.millisAt(99)));
        }
        return points;
    }

    /** A trend's step: a minute for 5m, 5 minutes for 1h, an hour for 1d, 24 hours for 30d. */
    static long step(Window w) {
        return switch (w) {
            case FIVE_MINUTES -> Minutes.MINUTE;
            case HOUR -> Minutes.STEP;
            case DAY -> Hours.HOUR;
            case THIRTY_DAYS -> 24 * Hours.HOUR;
        };
    }

    /** What a window is kept in, so where it starts: minutes (5m), 5-minute steps (1h), hours (1d, 30d). */
    static long resolution(Window w) {
        return switch (w) {
            case FIVE_MINUTES -> Minutes.MINUTE;
            case HOUR -> Minutes.STEP;
            case DAY, THIRTY_DAYS -> Hours.HOUR;
        };
    }

    /**
     * One counter per flow that publishes operations.
     *
     * @param published per flow, its unit and the APIs it publishes (operations or endpoints, as
     *                  {@link #consumersOf} takes them)
     */
    static List<FlowCounter> flowCounters(UsageLedger.Slices slices, Window w, Map<String, FlowApis> published)
            throws SQLException {
        List<FlowCounter> counters = new ArrayList<>();
        double hours = w.length().toMillis() / (double) Hours.HOUR;
        Map<String, Tally> byFlow = new LinkedHashMap<>();
        published.keySet().forEach(flow -> byFlow.put(flow, new Tally()));
        slices.each(s -> published.forEach((flow, apis) -> {
            if (apis.apis().contains(s.key().operation()) || apis.apis().contains(s.key().endpoint())) {
                byFlow.get(flow).add(s.tally());
            }
        }));
        published.forEach((flow, apis) -> {
            Tally t = byFlow.get(flow);
            long calls = t.calls();
            counters.add(new FlowCounter(flow, apis.unit(), String.join(", ", apis.apis()), t.ok(),
                    t.clientErrors(), t.serverErrors(), t.ok() / hours, calls == 0 ? 1 : (double) t.ok() / calls));
        });
        counters.sort(Comparator.comparingLong(FlowCounter::accepted).reversed().thenComparing(FlowCounter::flow));
        return counters;
    }

    /** What a flow publishes and what its unit of business is. */
    record FlowApis(String unit, Set<String> apis) {
    }
}
