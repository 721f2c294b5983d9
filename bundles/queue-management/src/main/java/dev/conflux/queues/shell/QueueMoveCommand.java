package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "queue-move",
        description = "Moves messages (by the broker's message id, see conflux:queue-browse), or all of them, to another queue")
@Service
public class QueueMoveCommand implements Action {

    @Reference
    QueueService queues;

    @Argument(index = 0, name = "queue", description = "The queue the messages are on", required = true)
    @Completion(QueueNameCompleter.class)
    String queue;

    @Argument(index = 1, name = "target", description = "The queue to move them to", required = true)
    @Completion(QueueNameCompleter.class)
    String target;

    @Argument(index = 2, name = "ids", description = "Message ids", multiValued = true)
    List<String> ids;

    @Option(name = "--all", description = "Move every message of the queue")
    boolean all;

    @Override
    public Object execute() {
        if (all == (ids != null && !ids.isEmpty())) {
            throw new IllegalArgumentException("Give either message ids or --all");
        }
        if (all) {
            System.out.println(queues.moveAll(queue, target) + " moved to " + target);
        } else {
            List<String> moved = queues.move(queue, ids, target);
            System.out.println(moved.size() + " moved to " + target + (moved.size() < ids.size()
                    ? "; no longer on " + queue + ": " + ids.stream().filter(id -> !moved.contains(id)).toList() : ""));
        }
        return null;
    }
}
