package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;

/** A trace as the shell prints it: a heading, one row per hop, and where the message is now. */
final class Timeline {

    /** One hop in words. */
    record Row(String time, String gap, String hop, String flow, String where, String outcome, String detail) {
    }

    private Timeline() {
    }

    static List<Row> rows(Trace trace) {
        List<Row> rows = new ArrayList<>();
        Hop previous = null;
        for (Hop h : trace.hops()) {
            String gap = previous == null ? "" : "+" + Elapsed.millis(Math.max(0,
                    Duration.between(previous.time(), h.time()).toMillis()));
            rows.add(new Row(Elapsed.clock(h.time()), gap, h.kind().name(), flow(h), text(h.target()), outcome(h),
                    detail(h)));
            previous = h;
        }
        return rows;
    }

    static String heading(Trace trace) {
        String keys = trace.businessKeys().isEmpty() ? "" : " key " + String.join(", ", trace.businessKeys());
        String first = trace.hops().isEmpty() ? "-" : Elapsed.dayClock(trace.hops().get(0).time());
        return "Trace " + trace.traceId() + keys + ": " + trace.hops().size() + " hops from " + first + " over "
                + Elapsed.millis(trace.span().toMillis());
    }

    static String now(Trace trace) {
        return "Now: " + (trace.position() == null ? "unknown" : trace.position().text());
    }

    static ShellTable table(Trace trace) {
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("Gap");
        table.column("Hop");
        table.column("Flow@rev");
        table.column("Where").maxSize(50).wrap();
        table.column("Outcome");
        table.column("Detail").maxSize(70).wrap();
        for (Row r : rows(trace)) {
            table.addRow().addContent(r.time(), r.gap(), r.hop(), r.flow(), r.where(), r.outcome(), r.detail());
        }
        return table;
    }

    private static String flow(Hop h) {
        if (h.flow() == null) {
            return "";
        }
        return h.revision() == null ? h.flow() : h.flow() + "@" + h.revision();
    }

    private static String outcome(Hop h) {
        String duration = Elapsed.millis(h.durationMillis());
        if (h.outcome() == null) {
            return duration;
        }
        return duration.isEmpty() ? h.outcome() : h.outcome() + " " + duration;
    }

    private static String detail(Hop h) {
        List<String> parts = new ArrayList<>();
        if (h.waitedMillis() >= 0) {
            parts.add("waited " + Elapsed.millis(h.waitedMillis()) + " in queue");
        }
        if (h.attempt() > 0) {
            parts.add("attempt " + h.attempt());
        }
        if (h.actor() != null) {
            parts.add("by " + h.actor() + (h.auditId() == null ? "" : " (audit #" + h.auditId() + ")"));
        } else if (h.auditId() != null) {
            parts.add("audit #" + h.auditId());
        }
        if (h.step() != null) {
            parts.add("at " + h.step());
        }
        if (h.error() != null) {
            parts.add(h.error());
        }
        if (h.messageId() != null) {
            parts.add("message " + h.messageId());
        }
        return String.join("; ", parts);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
