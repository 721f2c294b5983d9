package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "queue-purge", description = "Deletes every message of a queue (cannot be undone; the audit trail lists the deleted ids)")
@Service
public class QueuePurgeCommand implements Action {

    @Reference
    QueueService queues;

    @Argument(index = 0, name = "queue", description = "The queue", required = true)
    @Completion(QueueNameCompleter.class)
    String queue;

    @Override
    public Object execute() {
        System.out.println(queues.purge(queue) + " messages deleted from " + queue);
        return null;
    }
}
