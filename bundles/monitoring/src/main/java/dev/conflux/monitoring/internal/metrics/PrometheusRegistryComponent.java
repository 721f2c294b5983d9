package dev.conflux.monitoring.internal.metrics;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.monitoring.api.MetricNames;
import dev.conflux.queues.api.QueueService;
import dev.conflux.runtime.api.FlowService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Micrometer's Prometheus registry for the container: common labels {@code environment} (the name in
 * {@code etc/conflux.environment.cfg}) and {@code node} ({@code karaf.name}), joined to
 * {@link Metrics#globalRegistry} (where every Conflux bundle records), JVM and process metrics, and the gauges of
 * flows, queues, connector instances and the broker. Registered as the OSGi service {@link MeterRegistry} with
 * {@code conflux.registry=prometheus}. The gauges read snapshots of the services at most every
 * {@value #SNAPSHOT_MILLIS} ms; which flows, queues and instances there are is looked at every
 * {@value #SYNC_SECONDS} s (meters of the gone ones are removed).
 */
@Component(immediate = true, configurationPid = "conflux.environment",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class PrometheusRegistryComponent {

    static final long SNAPSHOT_MILLIS = 2000;
    static final long SYNC_SECONDS = 5;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FlowService flows;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile QueueService queues;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConnectorService connectors;

    private PrometheusMeterRegistry registry;
    private List<AutoCloseable> binders;
    private List<GaugeSet> gauges;
    private ScheduledExecutorService sync;
    private ServiceRegistration<MeterRegistry> registration;

    @Activate
    void activate(BundleContext bundle, Map<String, Object> environment) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(MetricNames.ENVIRONMENT, String.valueOf(environment.getOrDefault("name", "unknown")),
                MetricNames.NODE, System.getProperty("karaf.name", "root"));
        registry.config().meterFilter(new ConfluxMeterFilter());
        JvmGcMetrics gc = new JvmGcMetrics();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        binders = List.of(gc);
        Clock clock = Clock.systemUTC();
        gauges = List.of(
                new FlowGauges(registry, () -> flows == null ? List.of() : flows.list(), SNAPSHOT_MILLIS, clock),
                new QueueGauges(registry, () -> queues == null ? List.of() : queues.queues(), SNAPSHOT_MILLIS, clock),
                new ConnectorGauges(registry, () -> connectors == null ? List.of() : connectors.list(),
                        SNAPSHOT_MILLIS, clock),
                new BrokerGauges(registry, ManagementFactory.getPlatformMBeanServer(), SNAPSHOT_MILLIS, clock));
        gauges.forEach(GaugeSet::refresh);
        Metrics.globalRegistry.add(registry);
        sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conflux-metrics-sync");
            t.setDaemon(true);
            return t;
        });
        sync.scheduleWithFixedDelay(this::refresh, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("conflux.registry", "prometheus");
        registration = bundle.registerService(MeterRegistry.class, registry, properties);
    }

    private void refresh() {
        for (GaugeSet g : gauges) {
            try {
                g.refresh();
            } catch (RuntimeException e) {
                // a service going away mid-read: the next round sees what is there then
            }
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        sync.shutdownNow();
        Metrics.globalRegistry.remove(registry);
        gauges.forEach(GaugeSet::close);
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                // nothing left to do for it
            }
        }
        registry.close();
    }
}
