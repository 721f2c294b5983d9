package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceStats;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "trace-stats",
        description = "Shows the trace store and its buffer: events stored, size, oldest hop, events waiting and dropped, the last store error")
@Service
public class TraceStatsCommand implements Action {

    @Reference
    TraceService traces;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        TraceStats s = traces.stats();
        ShellTable table = new ShellTable();
        table.column("");
        table.column("").maxSize(100).wrap();
        table.noHeaders();
        table.addRow().addContent("Tracing", s.enabled() ? "enabled" : "disabled (enabled = false in etc/conflux.tracing.cfg)");
        table.addRow().addContent("Store", s.store());
        table.addRow().addContent("Events stored", s.events());
        table.addRow().addContent("Store size", s.bytes() < 0 ? "unknown" : bytes(s.bytes()));
        table.addRow().addContent("Oldest hop", Elapsed.dayClock(s.oldest()));
        table.addRow().addContent("Buffered", s.buffered() + " of " + s.bufferCapacity());
        table.addRow().addContent("Dropped", s.dropped() + (s.dropped() > 0 ? " (buffer was full)" : ""));
        table.addRow().addContent("Last error", s.lastError() == null ? "-" : s.lastError());
        table.print(System.out, !noFormat);
        return null;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
    }
}
