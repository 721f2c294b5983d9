package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes flow names. */
@Service
public class FlowNameCompleter implements Completer {

    @Reference
    private FlowService flows;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (FlowStatus flow : flows.list()) {
            names.getStrings().add(flow.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
