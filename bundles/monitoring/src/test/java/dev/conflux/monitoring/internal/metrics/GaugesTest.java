package dev.conflux.monitoring.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.monitoring.api.MetricNames;
import dev.conflux.queues.api.QueueSummary;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** The gauge sets over fake services: values, labels, meters of gone things removed, snapshots rate-limited. */
public class GaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private static FlowStatus flow(String name, FlowState state, long total, long failed, Instant lastSuccess) {
        return new FlowStatus(name, "file:/x/" + name + ".yaml", 1, state, null, total, failed, 2, 5, 9, null, null,
                lastSuccess);
    }

    @Test
    public void flowsGetCountersStateAndLastSuccessAndGoneFlowsLoseTheirMeters() {
        AtomicReference<List<FlowStatus>> flows = new AtomicReference<>(List.of(
                flow("orders", FlowState.STARTED, 12, 3, Instant.parse("2026-12-02T09:59:00Z")),
                flow("billing", FlowState.FAILED, 0, 0, null)));
        FlowGauges gauges = new FlowGauges(registry, flows::get, 0, clock);
        gauges.refresh();

        assertEquals(12, registry.get(MetricNames.FLOW_EXCHANGES).tag("flow", "orders").functionCounter().count(), 0);
        assertEquals(3, registry.get(MetricNames.FLOW_EXCHANGES_FAILED).tag("flow", "orders").functionCounter().count(), 0);
        assertEquals(2, registry.get(MetricNames.FLOW_EXCHANGES_INFLIGHT).tag("flow", "orders").gauge().value(), 0);
        assertEquals(Instant.parse("2026-12-02T09:59:00Z").getEpochSecond(),
                registry.get(MetricNames.FLOW_LAST_SUCCESS).tag("flow", "orders").gauge().value(), 0);
        assertEquals(0, registry.get(MetricNames.FLOW_LAST_SUCCESS).tag("flow", "billing").gauge().value(), 0);
        assertEquals(1, registry.get(MetricNames.FLOW_STATE).tags("flow", "billing", "state", "FAILED").gauge().value(), 0);
        assertEquals(0, registry.get(MetricNames.FLOW_STATE).tags("flow", "billing", "state", "STARTED").gauge().value(), 0);

        flows.set(List.of(flow("orders", FlowState.STOPPED, 20, 3, null)));
        gauges.refresh();
        assertEquals(20, registry.get(MetricNames.FLOW_EXCHANGES).tag("flow", "orders").functionCounter().count(), 0);
        assertEquals(1, registry.get(MetricNames.FLOW_STATE).tags("flow", "orders", "state", "STOPPED").gauge().value(), 0);
        assertNull(registry.find(MetricNames.FLOW_EXCHANGES).tag("flow", "billing").functionCounter());
        assertNull(registry.find(MetricNames.FLOW_STATE).tag("flow", "billing").gauge());

        gauges.close();
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    public void aSnapshotIsTakenAtMostOncePerPeriodHoweverManyGaugesRead() {
        AtomicInteger calls = new AtomicInteger();
        FlowGauges gauges = new FlowGauges(registry, () -> {
            calls.incrementAndGet();
            return List.of(flow("orders", FlowState.STARTED, calls.get(), 0, null));
        }, 2000, clock);
        gauges.refresh();
        registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
        assertEquals(1, calls.get());
        clock.advance(Duration.ofMillis(2000));
        assertEquals(2, registry.get(MetricNames.FLOW_EXCHANGES).tag("flow", "orders").functionCounter().count(), 0);
        assertEquals(2, calls.get());
    }

    @Test
    public void queuesGetDepthAgeCountersAndDeadLetterQueuesTheirOwnGauge() {
        AtomicReference<List<QueueSummary>> queues = new AtomicReference<>(List.of(
                new QueueSummary("orders", "orders", "ANYCAST", 4, 1, 100, 96, 0, 0, 7500, true, false, 2, 1),
                new QueueSummary("DLQ.orders", "DLQ.orders", "ANYCAST", 1, 0, 1, 0, 0, 0, -1, false, true, 0, 0)));
        QueueGauges gauges = new QueueGauges(registry, queues::get, 0, clock);
        gauges.refresh();

        assertEquals(4, registry.get(MetricNames.QUEUE_MESSAGES).tag("queue", "orders").gauge().value(), 0);
        assertEquals(7.5, registry.get(MetricNames.QUEUE_OLDEST_AGE).tag("queue", "orders").gauge().value(), 0);
        assertEquals(0, registry.get(MetricNames.QUEUE_OLDEST_AGE).tag("queue", "DLQ.orders").gauge().value(), 0);
        assertEquals(100, registry.get(MetricNames.QUEUE_ADDED).tag("queue", "orders").functionCounter().count(), 0);
        assertEquals(96, registry.get(MetricNames.QUEUE_ACKNOWLEDGED).tag("queue", "orders").functionCounter().count(), 0);
        assertEquals(2, registry.get(MetricNames.QUEUE_EXPIRED).tag("queue", "orders").functionCounter().count(), 0);
        assertEquals(1, registry.get(MetricNames.QUEUE_KILLED).tag("queue", "orders").functionCounter().count(), 0);
        assertEquals(1, registry.get(MetricNames.QUEUE_CONSUMERS).tag("queue", "orders").gauge().value(), 0);
        assertEquals(1, registry.get(MetricNames.QUEUE_PAUSED).tag("queue", "orders").gauge().value(), 0);
        assertEquals(1, registry.get(MetricNames.DEAD_LETTER_MESSAGES).tag("queue", "DLQ.orders").gauge().value(), 0);
        assertNull(registry.find(MetricNames.DEAD_LETTER_MESSAGES).tag("queue", "orders").gauge());

        queues.set(List.of());
        gauges.refresh();
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    public void connectorsGetUpSinceSuccessAndCheckDuration() {
        Instant checked = clock.instant().minusSeconds(30);
        List<ConnectorInstance> instances = List.of(
                new ConnectorInstance("partner-a", "http", ConnectorInstance.Status.UP, "200", checked, "x.cfg", "",
                        Map.of(), checked, Duration.ofMillis(250)),
                new ConnectorInstance("mail", "mail", ConnectorInstance.Status.DOWN, "refused", checked, "y.cfg", "",
                        Map.of()));
        ConnectorGauges gauges = new ConnectorGauges(registry, () -> instances, 0, clock);
        gauges.refresh();

        Gauge up = registry.get(MetricNames.CONNECTOR_UP).tags("connector", "partner-a", "type", "http").gauge();
        assertEquals(1, up.value(), 0);
        assertEquals(0, registry.get(MetricNames.CONNECTOR_UP).tags("connector", "mail", "type", "mail").gauge().value(), 0);
        assertEquals(30, registry.get(MetricNames.CONNECTOR_SINCE_SUCCESS).tag("connector", "partner-a").gauge().value(), 0);
        assertEquals(-1, registry.get(MetricNames.CONNECTOR_SINCE_SUCCESS).tag("connector", "mail").gauge().value(), 0);
        assertEquals(0.25, registry.get(MetricNames.CONNECTOR_CHECK_DURATION).tag("connector", "partner-a").gauge().value(), 1e-9);
        assertTrue(Double.isNaN(registry.get(MetricNames.CONNECTOR_CHECK_DURATION).tag("connector", "mail").gauge().value()));
    }

    @Test
    public void registeringTwiceKeepsOneMeterPerName() {
        FlowGauges gauges = new FlowGauges(registry, () -> List.of(flow("orders", FlowState.STARTED, 1, 0, null)), 0, clock);
        gauges.refresh();
        int meters = registry.getMeters().size();
        gauges.refresh();
        assertEquals(meters, registry.getMeters().size());
        FunctionCounter c = registry.get(MetricNames.FLOW_EXCHANGES).functionCounter();
        assertNotNull(c);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
