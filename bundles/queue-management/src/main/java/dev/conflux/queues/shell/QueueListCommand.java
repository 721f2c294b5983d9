package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import dev.conflux.runtime.api.Durations;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "queue-list",
        description = "Lists the broker's application queues with depth, consumers, rates, oldest message and state")
@Service
public class QueueListCommand implements Action {

    @Reference
    QueueService queues;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Queue");
        table.column("Depth").alignRight();
        table.column("Consumers").alignRight();
        table.column("In/s").alignRight();
        table.column("Out/s").alignRight();
        table.column("Oldest");
        table.column("State");
        for (QueueSummary q : queues.queues()) {
            table.addRow().addContent(q.name(), q.messageCount(), q.consumerCount(), q.enqueueRate(),
                    q.dequeueRate(), q.oldestMessageAgeMillis() < 0 ? ""
                            : Durations.format(Duration.ofMillis(q.oldestMessageAgeMillis())),
                    (q.paused() ? "paused" : "active") + (q.deadLetter() ? ", dead letters" : ""));
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
