package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "queue-resume", description = "Delivers a paused queue's messages to its consumers again")
@Service
public class QueueResumeCommand implements Action {

    @Reference
    QueueService queues;

    @Argument(index = 0, name = "queue", description = "The queue", required = true)
    @Completion(QueueNameCompleter.class)
    String queue;

    @Override
    public Object execute() {
        queues.resume(queue);
        System.out.println("Resumed " + queue);
        return null;
    }
}
