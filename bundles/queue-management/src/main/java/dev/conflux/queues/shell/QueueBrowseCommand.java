package dev.conflux.queues.shell;

import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "queue-browse",
        description = "Shows messages of a queue, oldest first, without consuming them")
@Service
public class QueueBrowseCommand implements Action {

    @Reference
    QueueService queues;

    @Argument(index = 0, name = "queue", description = "The queue", required = true)
    @Completion(QueueNameCompleter.class)
    String queue;

    @Option(name = "--offset", description = "Skip this many messages first (default 0)")
    int offset;

    @Option(name = "-n", aliases = "--limit", description = "How many messages (default 20, at most 1000)")
    int limit = 20;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        List<QueueMessage> messages = queues.browse(queue, offset, limit);
        ShellTable table = new ShellTable();
        table.column("Message").alignRight();
        table.column("JMS message id");
        table.column("Sent");
        table.column("Type");
        table.column("Properties").maxSize(40);
        table.column("Body").maxSize(60);
        for (QueueMessage m : messages) {
            table.addRow().addContent(m.messageId(), m.jmsMessageId() == null ? "" : m.jmsMessageId(), m.sentAt(),
                    m.type(), String.join(", ", m.properties()), m.body().replace('\n', ' '));
        }
        table.print(System.out, !noFormat);
        System.out.println(Paging.footer(offset, messages.size(), limit, -1));
        return null;
    }
}
