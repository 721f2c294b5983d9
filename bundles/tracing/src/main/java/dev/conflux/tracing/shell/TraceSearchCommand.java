package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.Since;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceSummary;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "trace-search",
        description = "Lists traces, newest first: by business key, trace id or JMS message id, flow, time range, failed only")
@Service
public class TraceSearchCommand implements Action {

    @Reference
    TraceService traces;

    @Argument(index = 0, name = "text", description = "A business key, trace id or JMS message id (exact); without it, every trace")
    @Completion(TraceKeyCompleter.class)
    String text;

    @Option(name = "--flow", description = "Only traces that went through this flow")
    @Completion(TraceFlowCompleter.class)
    String flow;

    @Option(name = "--failed", description = "Only traces with a failure (failed, dead-lettered, expired)")
    boolean failed;

    @Option(name = "--since", description = "Only traces with hops in this period back from now (30m, 2h, 7d) or since a moment (2026-12-02T10:30:00Z)")
    String since;

    @Option(name = "-n", aliases = "--limit", description = "How many traces (default 20, at most 1000)")
    int limit = 20;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        Instant from = Since.parse(since, Instant.now());
        String t = text == null || text.isBlank() ? null : text.trim();
        String f = flow == null || flow.isBlank() ? null : flow.trim();
        List<TraceSummary> found = traces.search(new TraceQuery(t, null, null, null, f, from, null, failed, limit));
        ShellTable table = new ShellTable();
        table.column("Trace");
        table.column("Key");
        table.column("Flows");
        table.column("First hop");
        table.column("Took");
        table.column("Hops");
        table.column("Failed");
        table.column("Now").maxSize(60).wrap();
        for (TraceSummary s : found) {
            long took = s.first() == null || s.last() == null ? -1 : s.last().toEpochMilli() - s.first().toEpochMilli();
            table.addRow().addContent(s.traceId(), String.join(",", s.businessKeys()), String.join(",", s.flows()),
                    Elapsed.dayClock(s.first()), Elapsed.millis(took), s.hops(), s.failed() ? "yes" : "",
                    s.position() == null ? "" : s.position().text());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
