package dev.conflux.queues.jmx;

import dev.conflux.queues.api.QueueService;
import java.util.Arrays;
import java.util.List;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=queues")
public class QueuesMBeanImpl extends StandardMBean implements QueuesMXBean {

    @Reference
    private QueueService queues;

    public QueuesMBeanImpl() {
        super(QueuesMXBean.class, true);
    }

    @Override
    public QueueView[] getQueues() {
        return queues.queues().stream().map(QueueView::of).toArray(QueueView[]::new);
    }

    @Override
    public MessageView[] browse(String queue, int max) {
        return page(queue, 0, max);
    }

    @Override
    public MessageView[] page(String queue, int offset, int limit) {
        return queues.browse(queue, offset, limit).stream().map(MessageView::of).toArray(MessageView[]::new);
    }

    @Override
    public void pause(String queue) {
        queues.pause(queue);
    }

    @Override
    public void resume(String queue) {
        queues.resume(queue);
    }

    @Override
    public int move(String queue, String[] messageIds, String targetQueue) {
        return queues.move(queue, ids(messageIds), targetQueue).size();
    }

    @Override
    public int moveAll(String queue, String targetQueue) {
        return queues.moveAll(queue, targetQueue);
    }

    @Override
    public int purge(String queue) {
        return queues.purge(queue);
    }

    static List<String> ids(String[] messageIds) {
        return messageIds == null ? List.of() : Arrays.asList(messageIds);
    }
}
