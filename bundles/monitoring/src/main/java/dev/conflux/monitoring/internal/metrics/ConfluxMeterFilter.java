package dev.conflux.monitoring.internal.metrics;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Presents Camel's route policy timer ({@code camel.route.policy}, tags {@code camelContext} and {@code routeId})
 * under Conflux's name {@value MetricNames#FLOW_PROCESSING} with the labels {@code flow} (a flow's CamelContext
 * is named after the flow) and {@code route}, and gives the timers alert rules take percentiles of a histogram.
 */
public final class ConfluxMeterFilter implements MeterFilter {

    static final String CAMEL_ROUTE_TIMER = "camel.route.policy";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!CAMEL_ROUTE_TIMER.equals(id.getName())) {
            return id;
        }
        String flow = id.getTag("camelContext");
        String route = id.getTag("routeId");
        // Camel's other tags (kind, eventType) say nothing here; the common ones (environment, node) stay.
        Tags kept = Tags.of(id.getTags().stream().filter(t -> t.getKey().equals(MetricNames.ENVIRONMENT)
                || t.getKey().equals(MetricNames.NODE)).toList());
        return id.withName(MetricNames.FLOW_PROCESSING).replaceTags(kept.and(MetricNames.FLOW,
                flow == null ? "" : flow, MetricNames.ROUTE, route == null ? "" : route));
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (MetricNames.FLOW_PROCESSING.equals(id.getName()) || MetricNames.ENDPOINT_REQUESTS.equals(id.getName())) {
            return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
    }
}
