package dev.conflux.monitoring.internal.metrics;

import static dev.conflux.monitoring.api.MetricNames.CONNECTOR;
import static dev.conflux.monitoring.api.MetricNames.TYPE;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Per connector instance, from its last health check: up (1/0), seconds since the last success, check latency. */
public final class ConnectorGauges implements GaugeSet {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Snapshot<Map<String, ConnectorInstance>> instances;
    private final LabelledMeters meters;

    public ConnectorGauges(MeterRegistry registry, Supplier<List<ConnectorInstance>> source, long maxAgeMillis,
            Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.instances = new Snapshot<>(() -> source.get().stream().collect(Collectors.toMap(ConnectorInstance::name,
                c -> c, (a, b) -> a)), maxAgeMillis, clock, Map.of());
        this.meters = new LabelledMeters(registry);
    }

    @Override
    public void refresh() {
        // The key holds the type too: an instance re-created with another type gets meters with its new label.
        Map<String, ConnectorInstance> now = instances.get();
        meters.sync(now.values().stream().map(c -> c.name() + "\n" + c.type()).collect(Collectors.toSet()),
                this::register);
    }

    @Override
    public void close() {
        meters.clear();
    }

    private List<Meter> register(String key) {
        String name = key.substring(0, key.indexOf('\n'));
        String type = key.substring(key.indexOf('\n') + 1);
        return List.of(
                Gauge.builder(MetricNames.CONNECTOR_UP, this,
                                g -> g.value(name, c -> c.status() == ConnectorInstance.Status.UP ? 1 : 0))
                        .tags(CONNECTOR, name, TYPE, type).description("1 when the last health check was UP, else 0")
                        .register(registry),
                Gauge.builder(MetricNames.CONNECTOR_SINCE_SUCCESS, this, g -> g.value(name, c -> c.lastSuccessAt() == null
                                ? -1 : (clock.millis() - c.lastSuccessAt().toEpochMilli()) / 1000.0))
                        .tag(CONNECTOR, name)
                        .description("Seconds since the last successful health check (-1 when none succeeded)")
                        .register(registry),
                Gauge.builder(MetricNames.CONNECTOR_CHECK_DURATION, this, g -> g.value(name, c -> c.checkDuration() == null
                                ? Double.NaN : c.checkDuration().toNanos() / 1e9))
                        .tag(CONNECTOR, name).baseUnit("seconds").description("How long the last health check took")
                        .register(registry));
    }

    private double value(String name, ToDoubleFunction<ConnectorInstance> read) {
        ConnectorInstance c = instances.get().get(name);
        return c == null ? Double.NaN : read.applyAsDouble(c);
    }
}
