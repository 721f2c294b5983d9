package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "queue-pause", description = "Stops delivering a queue's messages to its consumers (kept across broker restarts); messages still arrive")
@Service
public class QueuePauseCommand implements Action {

    @Reference
    QueueService queues;

    @Argument(index = 0, name = "queue", description = "The queue", required = true)
    @Completion(QueueNameCompleter.class)
    String queue;

    @Override
    public Object execute() {
        queues.pause(queue);
        System.out.println("Paused " + queue);
        return null;
    }
}
