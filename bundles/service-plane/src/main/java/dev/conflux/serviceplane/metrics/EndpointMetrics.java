package dev.conflux.serviceplane.metrics;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records each request to an endpoint of the service plane: {@value MetricNames#ENDPOINT_REQUESTS} (a timer with
 * a percentile histogram, labels endpoint, operation, method, status class) and the request and response body sizes
 * ({@value MetricNames#ENDPOINT_REQUEST_SIZE}, {@value MetricNames#ENDPOINT_RESPONSE_SIZE}, label endpoint). Every
 * label comes from a bounded set: endpoints and operations flows serve, the usual HTTP methods, 2xx to 5xx.
 */
public final class EndpointMetrics {

    /**
     * What one request was: labels, status, time, sizes (-1: unknown, not recorded) and who sent it (the
     * authenticated consumer, else the client's address; not a metric label: unbounded).
     */
    public record Request(String endpoint, String operation, String method, int status, long nanos, long requestBytes,
            long responseBytes, String consumer) {
    }

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final String OTHER = "other";

    private final MeterRegistry registry;
    /**
     * The meters by their labels, looked up once: registering through a builder on every request looked the meter
     * up by its full id (name and tags compared one by one) three times per request (B3, docs/performance.md).
     */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> requestSizes = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> responseSizes = new ConcurrentHashMap<>();

    public EndpointMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Request r) {
        String method = method(r.method());
        String status = statusClass(r.status());
        timers.computeIfAbsent(List.of(r.endpoint(), r.operation(), method, status), k -> Timer
                .builder(MetricNames.ENDPOINT_REQUESTS)
                .description("Requests to the service plane's endpoints, by endpoint, operation, method and status class")
                .tags(MetricNames.ENDPOINT, r.endpoint(), MetricNames.OPERATION, r.operation(),
                        MetricNames.METHOD, method, MetricNames.STATUS, status)
                .publishPercentileHistogram()
                .register(registry))
                .record(r.nanos(), TimeUnit.NANOSECONDS);
        if (r.requestBytes() >= 0) {
            requestSizes.computeIfAbsent(r.endpoint(), e -> size(MetricNames.ENDPOINT_REQUEST_SIZE,
                    "Request body sizes", e)).record(r.requestBytes());
        }
        if (r.responseBytes() >= 0) {
            responseSizes.computeIfAbsent(r.endpoint(), e -> size(MetricNames.ENDPOINT_RESPONSE_SIZE,
                    "Response body sizes", e)).record(r.responseBytes());
        }
    }

    /** Removes this recorder's meters (the service plane stops). */
    public void close() {
        timers.clear();
        requestSizes.clear();
        responseSizes.clear();
        for (String name : List.of(MetricNames.ENDPOINT_REQUESTS, MetricNames.ENDPOINT_REQUEST_SIZE,
                MetricNames.ENDPOINT_RESPONSE_SIZE)) {
            registry.find(name).meters().forEach(registry::remove);
        }
    }

    private DistributionSummary size(String name, String description, String endpoint) {
        return DistributionSummary.builder(name).description(description).baseUnit("bytes")
                .tags(MetricNames.ENDPOINT, endpoint).register(registry);
    }

    /** The usual methods as they are, anything else (a bounded label) as "other". */
    static String method(String method) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return METHODS.contains(m) ? m : OTHER;
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 + "xx" : "5xx";
    }
}
