package dev.conflux.alerts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.alerts.api.Alert;
import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The latency sources read from a real Prometheus meter registry, as the monitoring bundle publishes it. */
public class ServiceSourcesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServiceSources sources = new ServiceSources();

    {
        sources.meters = registry;
    }

    private Timer endpoint(String status) {
        return Timer.builder(MetricNames.ENDPOINT_REQUESTS).publishPercentileHistogram()
                .tags(MetricNames.ENDPOINT, "/api/orders", MetricNames.OPERATION, "create", MetricNames.METHOD, "POST",
                        MetricNames.STATUS, status)
                .register(registry);
    }

    @Test
    public void histogramsAreSummedPerEndpointWithCumulativeBucketsAndTheirFiveHundreds() {
        for (int i = 0; i < 30; i++) {
            endpoint("2xx").record(Duration.ofMillis(20));
        }
        for (int i = 0; i < 10; i++) {
            endpoint("5xx").record(Duration.ofMillis(3000));
        }
        List<Sources.Histogram> all = sources.endpointLatencies();
        assertEquals(1, all.size());
        Sources.Histogram h = all.get(0);
        assertEquals("/api/orders", h.name());
        assertEquals(40, h.total());
        assertEquals(10, h.errors());
        assertTrue(h.bounds().length > 10);
        for (int i = 1; i < h.counts().length; i++) {
            assertTrue("cumulative", h.counts()[i] >= h.counts()[i - 1]);
        }
        assertEquals(40, h.counts()[h.counts().length - 1]);
        assertTrue("p95 of the 40 is a slow one", Percentiles.quantile(0.95, h.bounds(), h.counts(), h.total()) > 2);
        assertTrue("p50 is a fast one", Percentiles.quantile(0.5, h.bounds(), h.counts(), h.total()) < 0.05);
    }

    @Test
    public void anEndpointGetsSlowInTheWindowAndFastAgain() {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
        List<Alert.State> states = new ArrayList<>();
        AlertEngine engine = new AlertEngine(clock, sources, (n, c) -> states.add(n.alert().state()), null,
                new Texts.Origin("dev", "root", "http://127.0.0.1:8181/hawtio"));
        engine.setRules(List.of(RuleParser.parse("slow", "etc/conflux.alert-slow.cfg",
                Map.of("kind", "endpoint-slow", "endpoint", "/api/orders", "p95", "1s", "window", "5m"),
                List.of("log"))));
        for (int i = 0; i < 1000; i++) {
            endpoint("2xx").record(Duration.ofSeconds(5)); // long ago: before the rule started
        }
        engine.evaluate();
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            endpoint("2xx").record(Duration.ofMillis(50));
        }
        engine.evaluate();
        assertTrue("only what came within the window counts", engine.active().isEmpty());
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            endpoint("2xx").record(Duration.ofMillis(2500));
        }
        engine.evaluate();
        assertEquals(1, engine.active().size());
        assertTrue(engine.active().get(0).value(), engine.active().get(0).value().startsWith("p95 "));
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            for (int j = 0; j < 100; j++) {
                endpoint("2xx").record(Duration.ofMillis(50));
            }
            engine.evaluate();
        }
        assertTrue(engine.active().isEmpty());
        assertEquals(List.of(Alert.State.FIRING, Alert.State.RESOLVED), states);
    }
}
