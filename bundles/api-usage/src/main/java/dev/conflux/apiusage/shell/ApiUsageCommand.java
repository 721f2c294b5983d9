package dev.conflux.apiusage.shell;

import dev.conflux.apiusage.api.ApiUsageService;
import dev.conflux.apiusage.api.FlowCounter;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "api-usage",
        description = "Shows who calls which published REST/SOAP operation: calls, errors, latency percentiles, bytes")
@Service
public class ApiUsageCommand implements Action {

    @Reference
    ApiUsageService usage;

    @Option(name = "--window", aliases = "-w", description = "Over the last 5m, 1h, 1d or 30d (default 1h)")
    @Completion(WindowCompleter.class)
    String window = "1h";

    @Option(name = "--by", description = "A row per operation, consumer or both (default both)")
    @Completion(GroupingCompleter.class)
    String by = "both";

    @Option(name = "--flows", description = "Per flow: accepted per hour and success rate, in its business unit")
    boolean flows;

    @Option(name = "--trend", description = "The window step by step (minutes for 5m, 5 minutes for 1h, hours for 1d,"
            + " 24 hours for 30d) instead")
    boolean trend;

    @Option(name = "--operation", description = "With --trend: only this operation (e.g. 'POST /api/orders')")
    String operation;

    @Option(name = "--csv", description = "Print CSV (RFC 4180) instead of a table")
    boolean csv;

    @Option(name = "--hourly", description = "With --csv: one line per hour, operation and consumer")
    boolean hourly;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        Window w = Window.of(window); // a wrong value: the shell shows the message, naming the valid ones
        Grouping g = Grouping.of(by);
        if (csv) {
            System.out.print(usage.csv(w, g, hourly));
        } else if (flows) {
            printFlows(usage.flowCounters(w), w);
        } else if (trend) {
            printTrend(usage.trend(w, operation));
        } else {
            printRows(usage.usage(w, g), w);
        }
        return null;
    }

    private void printRows(List<UsageRow> rows, Window w) {
        ShellTable table = new ShellTable();
        table.column("Operation").maxSize(50);
        table.column("Endpoint");
        table.column("Consumer").maxSize(40);
        table.column("Calls").alignRight();
        table.column("4xx").alignRight();
        table.column("5xx").alignRight();
        table.column("Errors").alignRight();
        table.column("p50 ms").alignRight();
        table.column("p95 ms").alignRight();
        table.column("p99 ms").alignRight();
        table.column("Bytes in").alignRight();
        table.column("Bytes out").alignRight();
        for (UsageRow r : rows) {
            table.addRow().addContent(r.operation(), r.endpoint(), r.consumer(), r.calls(), r.clientErrors(),
                    r.serverErrors(), percent(r.errorRate()), ms(r.p50Millis()), ms(r.p95Millis()),
                    ms(r.p99Millis()), r.bytesIn(), r.bytesOut());
        }
        table.print(System.out, !noFormat);
        if (rows.isEmpty()) {
            System.out.println("No calls to published operations in the last " + w.label());
        }
    }

    private void printTrend(List<UsagePoint> points) {
        ShellTable table = new ShellTable();
        table.column("From (UTC)");
        table.column("Calls").alignRight();
        table.column("4xx").alignRight();
        table.column("5xx").alignRight();
        table.column("p50 ms").alignRight();
        table.column("p95 ms").alignRight();
        table.column("p99 ms").alignRight();
        for (UsagePoint p : points) {
            table.addRow().addContent(p.start(), p.calls(), p.clientErrors(), p.serverErrors(), ms(p.p50Millis()),
                    ms(p.p95Millis()), ms(p.p99Millis()));
        }
        table.print(System.out, !noFormat);
    }

    private void printFlows(List<FlowCounter> counters, Window w) {
        ShellTable table = new ShellTable();
        table.column("Flow");
        table.column("Accepted").alignRight();
        table.column("Per hour").alignRight();
        table.column("Success").alignRight();
        table.column("Refused (4xx)").alignRight();
        table.column("Failed (5xx)").alignRight();
        table.column("Operations").maxSize(60);
        for (FlowCounter c : counters) {
            table.addRow().addContent(c.flow(), c.accepted() + " " + c.unit(),
                    String.format(Locale.ROOT, "%.1f %s/h", c.perHour(), c.unit()), percent(c.successRate()),
                    c.refused(), c.failed(), c.operations());
        }
        table.print(System.out, !noFormat);
        if (counters.isEmpty()) {
            System.out.println("No flow publishes a REST or SOAP operation");
        } else {
            System.out.println("Over the last " + w.label());
        }
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
