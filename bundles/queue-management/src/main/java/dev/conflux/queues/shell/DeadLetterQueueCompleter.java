package dev.conflux.queues.shell;

import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueSummary;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the dead-letter queues. */
@Service
public class DeadLetterQueueCompleter implements Completer {

    @Reference
    DeadLetterService deadLetters;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        deadLetters.deadLetterQueues().stream().map(QueueSummary::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
