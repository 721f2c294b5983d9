package dev.conflux.monitoring.internal.metrics;

import static dev.conflux.monitoring.api.MetricNames.FLOW;
import static dev.conflux.monitoring.api.MetricNames.STATE;

import dev.conflux.monitoring.api.MetricNames;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
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
 * Per flow, from the flow runtime's snapshots: exchanges total and failed (counters of the running revision: a
 * restart starts them again, which Prometheus's rate() takes as a reset), in flight, the last success and the state.
 */
public final class FlowGauges implements GaugeSet {

    private final MeterRegistry registry;
    private final Snapshot<Map<String, FlowStatus>> flows;
    private final LabelledMeters meters;

    public FlowGauges(MeterRegistry registry, Supplier<List<FlowStatus>> source, long maxAgeMillis, Clock clock) {
        this.registry = registry;
        this.flows = new Snapshot<>(() -> source.get().stream().collect(Collectors.toMap(FlowStatus::name, f -> f,
                (a, b) -> a)), maxAgeMillis, clock, Map.of());
        this.meters = new LabelledMeters(registry);
    }

    @Override
    public void refresh() {
        meters.sync(flows.get().keySet(), this::register);
    }

    @Override
    public void close() {
        meters.clear();
    }

    private List<Meter> register(String flow) {
        List<Meter> m = new ArrayList<>();
        m.add(FunctionCounter.builder(MetricNames.FLOW_EXCHANGES, this, g -> g.value(flow, FlowStatus::exchangesTotal))
                .tag(FLOW, flow).description("Exchanges completed or failed by the flow's running revision")
                .register(registry));
        m.add(FunctionCounter.builder(MetricNames.FLOW_EXCHANGES_FAILED, this,
                        g -> g.value(flow, FlowStatus::exchangesFailed))
                .tag(FLOW, flow).description("Exchanges that failed").register(registry));
        m.add(Gauge.builder(MetricNames.FLOW_EXCHANGES_INFLIGHT, this, g -> g.value(flow, FlowStatus::exchangesInflight))
                .tag(FLOW, flow).description("Exchanges being processed now").register(registry));
        m.add(Gauge.builder(MetricNames.FLOW_LAST_SUCCESS, this, g -> g.value(flow,
                        f -> f.lastSuccessAt() == null ? 0 : f.lastSuccessAt().toEpochMilli() / 1000.0))
                .tag(FLOW, flow).description("When the flow last completed an exchange without failure, seconds"
                        + " since the epoch (0 if never since it started)").register(registry));
        for (FlowState state : List.of(FlowState.STARTED, FlowState.STOPPED, FlowState.FAILED)) {
            m.add(Gauge.builder(MetricNames.FLOW_STATE, this, g -> g.value(flow, f -> f.state() == state ? 1 : 0))
                    .tags(FLOW, flow, STATE, state.name()).description("1 for the flow's current state, else 0")
                    .register(registry));
        }
        return m;
    }

    private double value(String flow, ToDoubleFunction<FlowStatus> read) {
        FlowStatus f = flows.get().get(flow);
        return f == null ? Double.NaN : read.applyAsDouble(f);
    }
}
