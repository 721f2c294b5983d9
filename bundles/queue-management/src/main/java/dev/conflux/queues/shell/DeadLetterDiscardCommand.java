package dev.conflux.queues.shell;

import dev.conflux.queues.api.DeadLetterService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "deadletter-discard",
        description = "Deletes dead letters; the reason is required and goes into the audit trail")
@Service
public class DeadLetterDiscardCommand implements Action {

    @Reference
    DeadLetterService deadLetters;

    @Argument(index = 0, name = "dlq", description = "The dead-letter queue", required = true)
    @Completion(DeadLetterQueueCompleter.class)
    String queue;

    @Argument(index = 1, name = "ids", description = "Message ids", required = true, multiValued = true)
    List<String> ids;

    @Option(name = "--reason", description = "Why they must not be processed", required = true)
    String reason;

    @Override
    public Object execute() {
        System.out.println(deadLetters.discard(queue, ids, reason).size() + " discarded");
        return null;
    }
}
