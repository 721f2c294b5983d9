package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the broker's application queues. */
@Service
public class QueueNameCompleter implements Completer {

    @Reference
    QueueService queues;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        queues.queues().stream().map(QueueSummary::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
