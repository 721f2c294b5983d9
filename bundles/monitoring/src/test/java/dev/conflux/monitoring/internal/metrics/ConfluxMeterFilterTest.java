package dev.conflux.monitoring.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.Test;

/** Camel's route policy timer as Conflux presents it, in real Prometheus output. */
public class ConfluxMeterFilterTest {

    @Test
    public void theRoutePolicyTimerBecomesFlowProcessingWithFlowAndRouteAndAHistogram() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("environment", "dev", "node", "root");
        registry.config().meterFilter(new ConfluxMeterFilter());
        Timer.builder(ConfluxMeterFilter.CAMEL_ROUTE_TIMER).tags("camelContext", "orders", "routeId", "receive",
                "kind", "CamelRoute", "eventType", "RouteEvent").register(registry).record(Duration.ofMillis(12));

        Timer timer = registry.get(MetricNames.FLOW_PROCESSING).tags("flow", "orders", "route", "receive").timer();
        assertEquals(1, timer.count());
        String text = registry.scrape();
        assertTrue(text, text.contains("conflux_flow_processing_seconds_count{environment=\"dev\",flow=\"orders\","
                + "node=\"root\",route=\"receive\"} 1"));
        assertTrue(text, text.contains("conflux_flow_processing_seconds_bucket{"));
        assertTrue(text, !text.contains("camel_route_policy") && !text.contains("eventType"));
        registry.close();
    }
}
