package dev.conflux.monitoring.internal.health;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthService;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.ServicePlane;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's {@link HealthService}: the broker over the platform MBeanServer, the service plane, flows and
 * connector instances as OSGi services (each optional: a missing one is reported, not waited for), the journal's
 * disk space against {@code minFreeDiskMb} of {@code etc/conflux.monitoring.cfg}.
 */
@Component(service = HealthService.class, configurationPid = "conflux.monitoring", immediate = true)
public class HealthComponent implements HealthService, Health.Sources {

    static final String MIN_FREE_DISK_MB = "minFreeDiskMb";
    static final long DEFAULT_MIN_FREE_DISK_MB = 512;
    private static final Duration CACHE_FOR = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(HealthComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FlowService flows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConnectorService connectors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServicePlane servicePlane;

    private Bundle system;
    private JmxBroker broker;
    private Health health;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        system = context.getBundle(0);
        Path journal = Path.of(System.getProperty("karaf.data", "data"), "artemis", "journal");
        broker = new JmxBroker(ManagementFactory.getPlatformMBeanServer(), journal,
                System.getProperty("conflux.broker.role", "standalone"));
        health = new Health(this, System::nanoTime, CACHE_FOR, minFreeDiskMb(properties));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        health.minFreeDiskMb(minFreeDiskMb(properties));
    }

    static long minFreeDiskMb(Map<String, Object> properties) {
        Object value = properties.get(MIN_FREE_DISK_MB);
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_MIN_FREE_DISK_MB;
        }
        try {
            long mb = Long.parseLong(value.toString().trim());
            if (mb >= 0) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.error("etc/conflux.monitoring.cfg: {} = '{}' is not a number of MiB (0 or more); using {}",
                MIN_FREE_DISK_MB, value, DEFAULT_MIN_FREE_DISK_MB);
        return DEFAULT_MIN_FREE_DISK_MB;
    }

    @Override
    public HealthReport liveness() {
        return health.liveness();
    }

    @Override
    public HealthReport readiness() {
        return health.readiness();
    }

    // ---- Health.Sources ----------------------------------------------------------------------------------------

    @Override
    public boolean stopping() {
        return (system.getState() & (Bundle.STOPPING | Bundle.RESOLVED)) != 0;
    }

    @Override
    public BrokerState broker() {
        return broker.read();
    }

    @Override
    public String servicePlane() {
        ServicePlane plane = servicePlane;
        return plane == null ? null : plane.restBaseUrl();
    }

    @Override
    public long usableBytes(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    @Override
    public FlowService flows() {
        return flows;
    }

    @Override
    public ConnectorService connectors() {
        return connectors;
    }

}
