package dev.conflux.queues.jmx;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.queues.internal.MessageIds;
import dev.conflux.queues.internal.Broker;
import dev.conflux.queues.internal.Broker.QueueInfo;
import dev.conflux.queues.internal.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=queues")
public class QueuesMBeanImpl extends StandardMBean implements QueuesMXBean {

    static final int SAMPLE_SECONDS = 5;
    static final int MAX_BROWSE = 1000;

    @Reference
    private AuditLog audit;

    private final Broker broker = new Broker();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    /** Counters of one queue at the last two samples. */
    private record Rate(long at, long added, long acked, double enqueue, double dequeue) {
    }

    public QueuesMBeanImpl() {
        super(QueuesMXBean.class, true);
    }

    @Activate
    void activate() {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "conflux-queue-rates"));
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    private void sample() {
        try {
            long now = System.nanoTime();
            Map<String, QueueInfo> queues = broker.queues();
            rates.keySet().retainAll(queues.keySet());
            for (QueueInfo q : queues.values()) {
                rates.compute(q.name(), (name, last) -> {
                    if (last == null) {
                        return new Rate(now, q.messagesAdded(), q.messagesAcknowledged(), 0, 0);
                    }
                    double seconds = Math.max(0.001, (now - last.at()) / 1e9);
                    return new Rate(now, q.messagesAdded(), q.messagesAcknowledged(),
                            Math.max(0, q.messagesAdded() - last.added()) / seconds,
                            Math.max(0, q.messagesAcknowledged() - last.acked()) / seconds);
                });
            }
        } catch (RuntimeException e) {
            // the broker is restarting; the next sample will do
        }
    }

    @Override
    public QueueView[] getQueues() {
        Map<String, QueueInfo> queues = broker.queues();
        Set<String> deadLetterAddresses = broker.deadLetterAddresses(queues.values());
        List<QueueView> views = new ArrayList<>();
        for (QueueInfo q : queues.values()) {
            if (q.system()) {
                continue;
            }
            Rate rate = rates.get(q.name());
            views.add(new QueueView(q.name(), q.address(), q.routingType(), q.messageCount(), q.consumerCount(),
                    q.messagesAdded(), q.messagesAcknowledged(), round(rate == null ? 0 : rate.enqueue()),
                    round(rate == null ? 0 : rate.dequeue()),
                    q.firstMessageAgeMillis() == null || q.messageCount() == 0 ? -1 : q.firstMessageAgeMillis(),
                    q.paused(), deadLetterAddresses.contains(q.address())));
        }
        return views.toArray(QueueView[]::new);
    }

    private static double round(double rate) {
        return Math.round(rate * 100) / 100.0;
    }

    @Override
    public MessageView[] browse(String queue, int max) {
        return broker.browse(broker.queue(queue), Math.max(1, Math.min(max, MAX_BROWSE))).stream()
                .map(MessageView::of).toArray(MessageView[]::new);
    }

    @Override
    public void pause(String queue) {
        Audited.run(audit, "queue.pause", queue, List.of(), () -> {
            broker.invoke(broker.queue(queue).mbean(), "pause", new Object[] {true}, "boolean");
            return Outcome.ok(0, "paused");
        });
    }

    @Override
    public void resume(String queue) {
        Audited.run(audit, "queue.resume", queue, List.of(), () -> {
            broker.invoke(broker.queue(queue).mbean(), "resume", new Object[0]);
            return Outcome.ok(0, "resumed");
        });
    }

    @Override
    public int move(String queue, String[] messageIds, String targetQueue) {
        List<String> ids = MessageIds.check(messageIds);
        return Audited.run(audit, "queue.move", queue, ids, () -> {
            QueueInfo from = broker.queue(queue);
            broker.queue(targetQueue);
            int moved = 0;
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                Object ok = broker.invoke(from.mbean(), "moveMessage", new Object[] {Long.parseLong(id), targetQueue},
                        "long", "java.lang.String");
                if (Boolean.TRUE.equals(ok)) {
                    moved++;
                } else {
                    missing.add(id);
                }
            }
            return Outcome.ok(moved, moved + " moved to " + targetQueue
                    + (missing.isEmpty() ? "" : "; no longer on the queue: " + missing));
        });
    }

    @Override
    public int moveAll(String queue, String targetQueue) {
        QueueInfo from = broker.queue(queue);
        broker.queue(targetQueue);
        return Audited.run(audit, "queue.move-all", queue, idsOf(from), () -> {
            int moved = ((Number) broker.invoke(from.mbean(), "moveMessages", new Object[] {null, targetQueue},
                    "java.lang.String", "java.lang.String")).intValue();
            return Outcome.ok(moved, moved + " moved to " + targetQueue);
        });
    }

    @Override
    public int purge(String queue) {
        QueueInfo q = broker.queue(queue);
        return Audited.run(audit, "queue.purge", queue, idsOf(q), () -> {
            int removed = ((Number) broker.invoke(q.mbean(), "removeAllMessages", new Object[0])).intValue();
            return Outcome.ok(removed, removed + " deleted");
        });
    }

    /** The ids of a queue's messages, for the audit entry of an action on all of them (up to the browse limit). */
    private List<String> idsOf(QueueInfo q) {
        return broker.browse(q, MAX_BROWSE).stream().map(m -> String.valueOf(Messages.id(m))).toList();
    }
}
