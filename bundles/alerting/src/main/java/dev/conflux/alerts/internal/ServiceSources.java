package dev.conflux.alerts.internal;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.monitoring.api.MetricNames;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueService;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.trust.api.TrustInventory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Sources} of a running container: the services of the queue, flow, connector and trust bundles and the
 * Prometheus meter registry of the monitoring bundle, each optional (set and cleared as they come and go). The
 * trust inventory opens keystores, so its certificates are read at most every {@link #CERTIFICATES_EVERY}.
 */
final class ServiceSources implements Sources {

    static final Duration CERTIFICATES_EVERY = Duration.ofHours(1);
    private static final String DLQ_PREFIX = "DLQ.";

    volatile QueueService queues;
    volatile DeadLetterService deadLetters;
    volatile FlowService flows;
    volatile ConnectorService connectors;
    volatile TrustInventory trust;
    volatile MeterRegistry meters;
    private List<Certificate> certificates = List.of();
    private Instant certificatesRead;

    @Override
    public List<Queue> queues() {
        QueueService q = queues;
        return q == null ? List.of() : q.queues().stream().filter(s -> !s.deadLetter())
                .map(s -> new Queue(s.name(), s.messageCount(), s.oldestMessageAgeMillis())).toList();
    }

    @Override
    public List<DeadLetters> deadLetters() {
        DeadLetterService d = deadLetters;
        return d == null ? List.of() : d.deadLetterQueues().stream()
                .map(s -> new DeadLetters(s.name().startsWith(DLQ_PREFIX) ? s.name().substring(DLQ_PREFIX.length())
                        : s.name(), s.name(), s.messageCount(), s.messagesAdded())).toList();
    }

    @Override
    public List<Flow> flows() {
        FlowService f = flows;
        return f == null ? List.of() : f.list().stream()
                .map(s -> new Flow(s.name(), s.state().name(), s.exchangesTotal(), s.exchangesFailed())).toList();
    }

    @Override
    public List<Histogram> flowLatencies() {
        return histograms(MetricNames.FLOW_PROCESSING, MetricNames.FLOW);
    }

    @Override
    public List<Histogram> endpointLatencies() {
        return histograms(MetricNames.ENDPOINT_REQUESTS, MetricNames.ENDPOINT);
    }

    /** The timers of that name summed per value of the label (over routes, operations, methods, statuses). */
    private List<Histogram> histograms(String name, String label) {
        MeterRegistry registry = meters;
        if (registry == null) {
            return List.of();
        }
        Map<String, Histogram> byTarget = new LinkedHashMap<>();
        for (Timer t : registry.find(name).timers()) {
            String target = t.getId().getTag(label);
            if (target == null) {
                continue;
            }
            HistogramSnapshot snapshot = t.takeSnapshot();
            CountAtBucket[] buckets = snapshot.histogramCounts();
            double[] bounds = new double[buckets.length];
            long[] counts = new long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
                counts[i] = (long) buckets[i].count();
            }
            long errors = "5xx".equals(t.getId().getTag(MetricNames.STATUS)) ? snapshot.count() : 0;
            byTarget.merge(target, new Histogram(target, bounds, counts, snapshot.count(), errors), ServiceSources::sum);
        }
        return new ArrayList<>(byTarget.values());
    }

    private static Histogram sum(Histogram a, Histogram b) {
        boolean same = Arrays.equals(a.bounds(), b.bounds());
        long[] counts = same ? a.counts().clone() : new long[0];
        for (int i = 0; same && i < counts.length; i++) {
            counts[i] += b.counts()[i];
        }
        return new Histogram(a.name(), same ? a.bounds() : new double[0], counts, a.total() + b.total(),
                a.errors() + b.errors());
    }

    @Override
    public List<Connector> connectors() {
        ConnectorService c = connectors;
        return c == null ? List.of() : c.list().stream()
                .map(i -> new Connector(i.name(), i.status().name(), i.reason())).toList();
    }

    @Override
    public synchronized List<Certificate> certificates() {
        TrustInventory t = trust;
        if (t == null) {
            return List.of();
        }
        Instant now = Instant.now();
        if (certificatesRead == null || certificatesRead.plus(CERTIFICATES_EVERY).isBefore(now)) {
            certificates = t.report().certificates().stream().filter(c -> c.problem() == null && c.notAfter() != null)
                    .map(c -> new Certificate(c.store(), c.alias(), c.subject(), c.notAfter(), c.usedBy())).toList();
            certificatesRead = now;
        }
        return certificates;
    }
}
