package dev.conflux.tracingotlp;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the stored hops as spans ({@link HopSpans}) to an OpenTelemetry backend (Jaeger, Tempo, an OpenTelemetry
 * Collector) over OTLP/HTTP, with the OpenTelemetry SDK's own exporter. Off unless {@code endpoint} is set in
 * {@code etc/conflux.tracing.otlp.cfg}. Never holds up tracing: the hops wait in a bounded queue of their own; when it
 * is full, or the backend refuses a batch, the spans are dropped and counted
 * ({@code conflux_trace_export_spans_total{outcome="dropped"|"failed"}}) and logged at most once a minute. The trace
 * store is not affected either way.
 */
@Component(service = HopListener.class, configurationPid = "conflux.tracing.otlp",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = OtlpExportComponent.Config.class)
public class OtlpExportComponent implements HopListener {

    @ObjectClassDefinition(name = "Conflux trace export (OTLP)", description = "Hops as spans to an OTLP/HTTP endpoint")
    public @interface Config {
        @AttributeDefinition(description = "OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces; empty: off")
        String endpoint() default "";

        @AttributeDefinition(description = "Extra request headers, name=value separated by commas (e.g. a token)")
        String headers() default "";

        @AttributeDefinition(name = "timeout.seconds", description = "Longest wait for the backend per batch")
        int timeout_seconds() default 10;

        @AttributeDefinition(name = "queue.capacity", description = "Hops waiting to be exported; more are dropped")
        int queue_capacity() default 20_000;

        @AttributeDefinition(name = "service.name", description = "The service.name the spans are reported under")
        String service_name() default "conflux";
    }

    static final int BATCH = 512;
    private static final Logger LOG = LoggerFactory.getLogger(OtlpExportComponent.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private volatile ArrayBlockingQueue<Hop> queue;
    private volatile boolean running;
    private OtlpHttpSpanExporter exporter;
    private HopSpans spans;
    private Thread sender;
    private Counter exported;
    private Counter failed;
    private Counter dropped;
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    @Activate
    void activate(Config config) {
        ExportSettings settings;
        try {
            settings = ExportSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("Trace export over OTLP stays off: {}", bad.getMessage());
            return;
        }
        if (settings.endpoint() == null) {
            LOG.info("Trace export over OTLP is off (no endpoint in etc/conflux.tracing.otlp.cfg)");
            return;
        }
        OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint())
                .setTimeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .setServiceClassLoader(OtlpExportComponent.class.getClassLoader());
        settings.headers().forEach(b::addHeader);
        exporter = b.build();
        spans = new HopSpans(Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), settings.serviceName(),
                AttributeKey.stringKey("service.instance.id"), System.getProperty("karaf.name", "root")))),
                InstrumentationScopeInfo.create("dev.conflux.tracing"));
        exported = counter("exported");
        failed = counter("failed");
        dropped = counter("dropped");
        queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        running = true;
        sender = new Thread(this::run, "conflux-trace-otlp");
        sender.setDaemon(true);
        sender.start();
        LOG.info("Trace export over OTLP/HTTP to {}", settings.endpointText());
    }

    @Deactivate
    void deactivate() {
        running = false;
        if (sender != null) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exporter.shutdown().join(5, TimeUnit.SECONDS);
            List.of(exported, failed, dropped).forEach(Metrics.globalRegistry::remove);
        }
    }

    @Override
    public void stored(List<Hop> hops) {
        ArrayBlockingQueue<Hop> q = queue;
        if (q == null || !running) {
            return;
        }
        int lost = 0;
        for (Hop h : hops) {
            if (!q.offer(h)) {
                lost++;
            }
        }
        if (lost > 0) {
            dropped.increment(lost);
            warn("Trace export dropped {} spans: its queue is full (the backend is slower than the hops come)", lost);
        }
    }

    private void run() {
        List<Hop> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Hop first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                CompletableResultCode result = exporter.export(spans.of(batch));
                result.join(ExportSettings.MAX_TIMEOUT_SECONDS + 5L, TimeUnit.SECONDS);
                if (result.isSuccess()) {
                    exported.increment(batch.size());
                } else {
                    failed.increment(batch.size());
                    warn("Trace export: the OTLP endpoint did not take {} spans (see the exporter's log line)",
                            batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.increment(batch.size());
                warn("Trace export failed on {} spans: " + e, batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private Counter counter(String outcome) {
        return Counter.builder("conflux.trace.export.spans").tag("outcome", outcome)
                .description("Hops sent as spans to the OTLP endpoint: exported, failed (refused or unreachable), "
                        + "dropped (queue full)")
                .register(Metrics.globalRegistry);
    }

    private void warn(String message, int count) {
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            LOG.warn(message, count);
        }
    }
}
