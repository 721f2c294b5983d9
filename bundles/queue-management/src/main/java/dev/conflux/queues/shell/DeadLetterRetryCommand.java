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

@Command(scope = "conflux", name = "deadletter-retry",
        description = "Sends dead letters (by message id, see conflux:deadletter-list), or all of them, back to the queue they came from")
@Service
public class DeadLetterRetryCommand implements Action {

    @Reference
    DeadLetterService deadLetters;

    @Argument(index = 0, name = "dlq", description = "The dead-letter queue", required = true)
    @Completion(DeadLetterQueueCompleter.class)
    String queue;

    @Argument(index = 1, name = "ids", description = "Message ids", multiValued = true)
    List<String> ids;

    @Option(name = "--all", description = "Retry every dead letter of the queue")
    boolean all;

    @Override
    public Object execute() {
        if (all == (ids != null && !ids.isEmpty())) {
            throw new IllegalArgumentException("Give either message ids or --all");
        }
        if (all) {
            System.out.println(deadLetters.retryAll(queue) + " sent back to their original queue");
        } else {
            List<String> retried = deadLetters.retry(queue, ids);
            System.out.println(retried.size() + " sent back to their original queue" + (retried.size() < ids.size()
                    ? "; no longer dead-lettered: " + ids.stream().filter(id -> !retried.contains(id)).toList() : ""));
        }
        return null;
    }
}
