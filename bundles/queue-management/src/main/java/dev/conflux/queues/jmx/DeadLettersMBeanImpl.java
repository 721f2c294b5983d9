package dev.conflux.queues.jmx;

import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import java.util.ArrayList;
import java.util.List;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=deadletters")
public class DeadLettersMBeanImpl extends StandardMBean implements DeadLettersMXBean {

    @Reference
    private DeadLetterService deadLetters;

    public DeadLettersMBeanImpl() {
        super(DeadLettersMXBean.class, true);
    }

    @Override
    public DeadLetterView[] getDeadLetters() {
        List<DeadLetterView> views = new ArrayList<>();
        for (QueueSummary q : deadLetters.deadLetterQueues()) {
            if (q.messageCount() > 0) {
                deadLetters.deadLetters(q.name(), 0, QueueService.MAX_PAGE).letters().stream().map(DeadLetterView::of)
                        .forEach(views::add);
            }
        }
        return views.toArray(DeadLetterView[]::new);
    }

    @Override
    public QueueView[] getDeadLetterQueues() {
        return deadLetters.deadLetterQueues().stream().map(QueueView::of).toArray(QueueView[]::new);
    }

    @Override
    public DeadLetterPageView page(String deadLetterQueue, int offset, int limit) {
        return DeadLetterPageView.of(deadLetters.deadLetters(deadLetterQueue, offset, limit));
    }

    @Override
    public int retry(String deadLetterQueue, String[] messageIds) {
        return deadLetters.retry(deadLetterQueue, QueuesMBeanImpl.ids(messageIds)).size();
    }

    @Override
    public int retryAll(String deadLetterQueue) {
        return deadLetters.retryAll(deadLetterQueue);
    }

    @Override
    public String resubmit(String deadLetterQueue, String messageId, String body, String[] properties) {
        return deadLetters.resubmit(deadLetterQueue, messageId, body, QueuesMBeanImpl.ids(properties));
    }

    @Override
    public int discard(String deadLetterQueue, String[] messageIds, String reason) {
        return deadLetters.discard(deadLetterQueue, QueuesMBeanImpl.ids(messageIds), reason).size();
    }
}
