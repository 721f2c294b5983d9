package dev.conflux.queues.shell;

import dev.conflux.queues.api.DeadLetter;
import dev.conflux.queues.api.DeadLetterPage;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "deadletter-list",
        description = "Lists the dead-letter queues, or one page of a dead-letter queue's messages with why each failed")
@Service
public class DeadLetterListCommand implements Action {

    @Reference
    DeadLetterService deadLetters;

    @Argument(index = 0, name = "dlq", description = "A dead-letter queue (DLQ.<queue>); without it, every dead-letter queue and its depth")
    @Completion(DeadLetterQueueCompleter.class)
    String queue;

    @Option(name = "--offset", description = "Skip this many messages first (default 0)")
    int offset;

    @Option(name = "-n", aliases = "--limit", description = "How many messages (default 20, at most 1000)")
    int limit = 20;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        if (queue == null) {
            table.column("Dead-letter queue");
            table.column("Messages").alignRight();
            for (QueueSummary q : deadLetters.deadLetterQueues()) {
                table.addRow().addContent(q.name(), q.messageCount());
            }
            table.print(System.out, !noFormat);
            return null;
        }
        DeadLetterPage page = deadLetters.deadLetters(queue, offset, limit);
        table.column("Message").alignRight();
        table.column("From queue");
        table.column("Flow");
        table.column("Step").maxSize(40);
        table.column("Exception").maxSize(60);
        table.column("Attempts").alignRight();
        table.column("Last failure");
        table.column("Body").maxSize(40);
        for (DeadLetter d : page.letters()) {
            table.addRow().addContent(d.message().messageId(), d.originalQueue(), d.flow(), d.step(),
                    d.exceptionType().isEmpty() ? "" : d.exceptionType() + ": " + d.exceptionMessage(),
                    d.deliveryAttempts(), d.lastFailure(), d.message().body().replace('\n', ' '));
        }
        table.print(System.out, !noFormat);
        System.out.println(Paging.footer(offset, page.letters().size(), limit, page.total()));
        return null;
    }
}
