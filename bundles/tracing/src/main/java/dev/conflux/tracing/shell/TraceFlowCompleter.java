package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceSummary;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the flows the newest traces went through. */
@Service
public class TraceFlowCompleter implements Completer {

    static final int RECENT = 200;

    @Reference
    TraceService traces;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter flows = new StringsCompleter();
        for (TraceSummary s : traces.search(new TraceQuery(null, null, null, null, null, null, null, false, RECENT))) {
            flows.getStrings().addAll(s.flows());
        }
        return flows.complete(session, commandLine, candidates);
    }
}
