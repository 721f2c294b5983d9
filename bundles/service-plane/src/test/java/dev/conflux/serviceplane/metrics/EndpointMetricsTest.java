package dev.conflux.serviceplane.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.Test;

public class EndpointMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EndpointMetrics metrics = new EndpointMetrics(registry);

    @Test
    public void labelsAreBoundedAndTheTimerPublishesAHistogram() {
        metrics.record(new EndpointMetrics.Request("/api/orders", "POST /api/orders", "post", 202, 5_000_000, 60, 40,
                "127.0.0.1"));
        metrics.record(new EndpointMetrics.Request("/api/orders", "POST /api/orders", "POST", 204, 1_000_000, 60, -1,
                "127.0.0.1"));
        metrics.record(new EndpointMetrics.Request("other", "other", "PROPFIND", 999, 1_000_000, -1, -1,
                "127.0.0.1"));
        Timer ok = registry.find(MetricNames.ENDPOINT_REQUESTS).tags(MetricNames.STATUS, "2xx", MetricNames.METHOD,
                "POST", MetricNames.OPERATION, "POST /api/orders").timer();
        assertEquals(2, ok.count());
        assertEquals(1, registry.find(MetricNames.ENDPOINT_REQUESTS).tags(MetricNames.METHOD, "other",
                MetricNames.STATUS, "5xx", MetricNames.ENDPOINT, "other").timer().count());
        assertEquals(2, registry.find(MetricNames.ENDPOINT_REQUEST_SIZE).summary().count());
        assertEquals(1, registry.find(MetricNames.ENDPOINT_RESPONSE_SIZE).summary().count());
        assertEquals("bytes", registry.find(MetricNames.ENDPOINT_RESPONSE_SIZE).summary().getId().getBaseUnit());
    }

    @Test
    public void prometheusShowsTheHistogramBucketsAndSizes() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new EndpointMetrics(prometheus).record(new EndpointMetrics.Request("/api/orders", "POST /api/orders", "POST",
                401, 2_000_000, 60, 120, "127.0.0.1"));
        String text = prometheus.scrape();
        assertTrue(text, text.contains("conflux_endpoint_requests_seconds_count{endpoint=\"/api/orders\",method=\"POST\","
                + "operation=\"POST /api/orders\",status=\"4xx\"} 1"));
        assertTrue(text, text.contains("conflux_endpoint_requests_seconds_bucket{endpoint=\"/api/orders\""));
        assertTrue(text, text.contains("conflux_endpoint_request_size_bytes_sum{endpoint=\"/api/orders\"} 60"));
        assertTrue(text, text.contains("conflux_endpoint_response_size_bytes_count{endpoint=\"/api/orders\"} 1"));
    }

    @Test
    public void closeRemovesTheMeters() {
        metrics.record(new EndpointMetrics.Request("/api/orders", "GET", "GET", 200, 1, 0, 0, "127.0.0.1"));
        metrics.close();
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    public void statusClasses() {
        assertEquals("2xx", EndpointMetrics.statusClass(200));
        assertEquals("4xx", EndpointMetrics.statusClass(429));
        assertEquals("5xx", EndpointMetrics.statusClass(503));
        assertEquals("5xx", EndpointMetrics.statusClass(0));
    }
}
