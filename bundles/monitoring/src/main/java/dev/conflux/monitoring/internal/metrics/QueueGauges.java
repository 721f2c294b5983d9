package dev.conflux.monitoring.internal.metrics;

import static dev.conflux.monitoring.api.MetricNames.QUEUE;

import dev.conflux.monitoring.api.MetricNames;
import dev.conflux.queues.api.QueueSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Per application queue of the embedded broker (the queue service leaves the broker's own out): depth, oldest
 * message age, the broker's counters, consumers, paused; a dead-letter queue's depth also as
 * {@value MetricNames#DEAD_LETTER_MESSAGES}.
 */
public final class QueueGauges implements GaugeSet {

    private final MeterRegistry registry;
    private final Snapshot<Map<String, QueueSummary>> queues;
    private final LabelledMeters meters;

    public QueueGauges(MeterRegistry registry, Supplier<List<QueueSummary>> source, long maxAgeMillis, Clock clock) {
        this.registry = registry;
        this.queues = new Snapshot<>(() -> source.get().stream().collect(Collectors.toMap(QueueSummary::name,
                q -> q, (a, b) -> a)), maxAgeMillis, clock, Map.of());
        this.meters = new LabelledMeters(registry);
    }

    @Override
    public void refresh() {
        meters.sync(queues.get().keySet(), this::register);
    }

    @Override
    public void close() {
        meters.clear();
    }

    private List<Meter> register(String queue) {
        List<Meter> m = new ArrayList<>();
        m.add(gauge(MetricNames.QUEUE_MESSAGES, queue, QueueSummary::messageCount, "Messages in the queue"));
        m.add(Gauge.builder(MetricNames.QUEUE_OLDEST_AGE, this,
                        g -> g.value(queue, q -> q.oldestMessageAgeMillis() < 0 ? 0 : q.oldestMessageAgeMillis() / 1000.0))
                .tag(QUEUE, queue).baseUnit("seconds").description("Age of the oldest message (0 when empty)")
                .register(registry));
        m.add(counter(MetricNames.QUEUE_ADDED, queue, QueueSummary::messagesAdded, "Messages added since the broker started"));
        m.add(counter(MetricNames.QUEUE_ACKNOWLEDGED, queue, QueueSummary::messagesAcknowledged,
                "Messages acknowledged (consumed) since the broker started"));
        m.add(counter(MetricNames.QUEUE_EXPIRED, queue, QueueSummary::messagesExpired, "Messages that expired"));
        m.add(counter(MetricNames.QUEUE_KILLED, queue, QueueSummary::messagesKilled,
                "Messages the broker gave up delivering (sent to the dead-letter address)"));
        m.add(gauge(MetricNames.QUEUE_CONSUMERS, queue, QueueSummary::consumerCount, "Consumers attached"));
        m.add(gauge(MetricNames.QUEUE_PAUSED, queue, q -> q.paused() ? 1 : 0, "1 when paused"));
        QueueSummary now = queues.get().get(queue);
        if (now != null && now.deadLetter()) {
            m.add(gauge(MetricNames.DEAD_LETTER_MESSAGES, queue, QueueSummary::messageCount,
                    "Messages in the dead-letter queue"));
        }
        return m;
    }

    private Meter gauge(String name, String queue, ToDoubleFunction<QueueSummary> read, String description) {
        return Gauge.builder(name, this, g -> g.value(queue, read)).tag(QUEUE, queue).description(description)
                .register(registry);
    }

    private Meter counter(String name, String queue, ToDoubleFunction<QueueSummary> read, String description) {
        return FunctionCounter.builder(name, this, g -> g.value(queue, read)).tag(QUEUE, queue)
                .description(description).register(registry);
    }

    private double value(String queue, ToDoubleFunction<QueueSummary> read) {
        QueueSummary q = queues.get().get(queue);
        return q == null ? Double.NaN : read.applyAsDouble(q);
    }
}
