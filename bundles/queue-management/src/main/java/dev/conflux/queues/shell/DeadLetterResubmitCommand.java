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

@Command(scope = "conflux", name = "deadletter-resubmit",
        description = "Sends an edited copy of a dead letter to the queue it came from and removes the dead letter")
@Service
public class DeadLetterResubmitCommand implements Action {

    @Reference
    DeadLetterService deadLetters;

    @Argument(index = 0, name = "dlq", description = "The dead-letter queue", required = true)
    @Completion(DeadLetterQueueCompleter.class)
    String queue;

    @Argument(index = 1, name = "id", description = "The dead letter's message id", required = true)
    String id;

    @Option(name = "--body", description = "The new body", required = true)
    String body;

    @Option(name = "-p", aliases = "--property", description = "A property name=value (repeatable); replaces the message's own", multiValued = true)
    List<String> properties;

    @Override
    public Object execute() {
        String newId = deadLetters.resubmit(queue, id, body, properties == null ? List.of() : properties);
        System.out.println("Edited copy sent as message " + newId + "; dead letter " + id + " removed");
        return null;
    }
}
