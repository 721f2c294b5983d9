package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.FlowCounter;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns a window's slices into what users read: rows per group, a trend, per-flow counters, consumers of an API. */
final class UsageReports {

    private UsageReports() {
    }

    /** One row per group, the most called first (then by name). */
    static List<UsageRow> rows(List<UsageLedger.Slice> slices, Grouping by) {
        Map<Key, Tally> groups = new LinkedHashMap<>();
        for (UsageLedger.Slice s : slices) {
            Key k = s.key();
            Key group = switch (by) {
                case OPERATION -> new Key(k.endpoint(), k.operation(), "");
                case CONSUMER -> new Key("", "", k.consumer());
                case BOTH -> k;
            };
            groups.computeIfAbsent(group, g -> new Tally()).add(s.tally());
        }
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
    static List<UsagePoint> trend(List<UsageLedger.Slice> slices, Window w, long from, String operation) {
        long step = step(w);
        int steps = (int) (w.length().toMillis() / step);
        Tally[] tallies = new Tally[steps];
        for (int i = 0; i < steps; i++) {
            tallies[i] = new Tally();
        }
        for (UsageLedger.Slice s : slices) {
            if (operation != null && !operation.isEmpty() && !operation.equals(s.key().operation())) {
                continue;
            }
            int i = (int) ((s.start() - from) / step);
            if (i >= 0 && i < steps) {
                tallies[i].add(s.tally());
            }
        }
        List<UsagePoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            Tally t = tallies[i];
            points.add(new UsagePoint(Instant.ofEpochMilli(from + i * step), t.calls(), t.clientErrors(),
                    t.serverErrors(), t.millisAt(50), t.millisAt(95), t.millisAt(99)));
        }
        return points;
    }

    /** A minute for 5m and 1h, an hour for 1d, a day for 30d. */
    static long step(Window w) {
        return switch (w) {
            case FIVE_MINUTES, HOUR -> Minutes.MINUTE;
            case DAY -> Hours.HOUR;
            case THIRTY_DAYS -> 24 * Hours.HOUR;
        };
    }

    /** The consumers of an operation, or of every operation of an endpoint. */
    static Set<String> consumersOf(List<UsageLedger.Slice> slices, String api) {
        Set<String> consumers = new TreeSet<>();
        for (UsageLedger.Slice s : slices) {
            if (api.equals(s.key().operation()) || api.equals(s.key().endpoint())) {
                consumers.add(s.key().consumer());
            }
        }
        return consumers;
    }

    /**
     * One counter per flow that publishes operations.
     *
     * @param published per flow, its unit and the APIs it publishes (operations or endpoints, as
     *                  {@link #consumersOf} takes them)
     */
    static List<FlowCounter> flowCounters(List<UsageLedger.Slice> slices, Window w,
            Map<String, FlowApis> published) {
        List<FlowCounter> counters = new ArrayList<>();
        double hours = w.length().toMillis() / (double) Hours.HOUR;
        published.forEach((flow, apis) -> {
            Tally t = new Tally();
            for (UsageLedger.Slice s : slices) {
                if (apis.apis().contains(s.key().operation()) || apis.apis().contains(s.key().endpoint())) {
                    t.add(s.tally());
                }
            }
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
