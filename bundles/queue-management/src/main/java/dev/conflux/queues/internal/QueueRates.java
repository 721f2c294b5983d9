package dev.conflux.queues.internal;

import dev.conflux.queues.internal.Broker.QueueInfo;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Messages in and out per second of each queue, from the counters of the last two samples. */
public final class QueueRates {

    private record Rate(long at, long added, long acked, double enqueue, double dequeue) {
    }

    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public QueueRates(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void sample(Collection<QueueInfo> queues) {
        long now = nanoTime.getAsLong();
        rates.keySet().retainAll(queues.stream().map(QueueInfo::name).toList());
        for (QueueInfo q : queues) {
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
    }

    double enqueue(String queue) {
        Rate r = rates.get(queue);
        return r == null ? 0 : round(r.enqueue());
    }

    double dequeue(String queue) {
        Rate r = rates.get(queue);
        return r == null ? 0 : round(r.dequeue());
    }

    private static double round(double rate) {
        return Math.round(rate * 100) / 100.0;
    }
}
