package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceSummary;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "trace",
        description = "Shows every hop of a message (the newest trace whose business key, trace id or JMS message id is the one given) and where it is now")
@Service
public class TraceCommand implements Action {

    @Reference
    TraceService traces;

    @Argument(index = 0, name = "key", required = true,
            description = "A business key (e.g. an order id), a trace id or a JMS message id")
    @Completion(TraceKeyCompleter.class)
    String key;

    @Option(name = "--all", description = "Every trace that matches, newest first, not only the newest")
    boolean all;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        List<Trace> found;
        if (all) {
            found = traces.search(TraceQuery.of(key)).stream().map(TraceSummary::traceId).map(traces::trace)
                    .flatMap(Optional::stream).toList();
        } else {
            found = traces.find(key).stream().toList();
        }
        if (found.isEmpty()) {
            out.println("No trace for '" + key + "' (searched business keys, trace ids and JMS message ids)");
            return null;
        }
        for (int i = 0; i < found.size(); i++) {
            Trace t = found.get(i);
            if (i > 0) {
                out.println();
            }
            out.println(Timeline.heading(t));
            Timeline.table(t).print(out, !noFormat);
            out.println(Timeline.now(t));
        }
        return null;
    }
}
