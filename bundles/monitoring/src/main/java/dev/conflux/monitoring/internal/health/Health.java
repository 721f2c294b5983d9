package dev.conflux.monitoring.internal.health;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthService;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The probes: readiness (broker, service plane, journal disk, each flow, each connector instance) and liveness
 * (the container). A report is kept for {@code cacheFor} and handed out again meanwhile, so a load balancer
 * polling every 100 ms costs one evaluation a second.
 */
final class Health implements HealthService {

    /** Where the checks read from; each may be absent (null) while its bundle is not running. */
    interface Sources {
        boolean stopping();

        BrokerState broker();

        /** The service plane's REST base URL, null when it is not running. */
        String servicePlane();

        /** Usable bytes of the file system holding {@code dir} (or its nearest existing parent); -1 if unreadable. */
        long usableBytes(Path dir);

        FlowService flows();

        ConnectorService connectors();
    }

    private record Cached(HealthReport report, long at) {
    }

    private final Sources sources;
    private final LongSupplier nanos;
    private final long cacheNanos;
    private volatile long minFreeDiskMb;
    private Cached ready;
    private Cached live;
    /** Whether the flow files present at start have all been deployed (then the check is not made again). */
    private boolean startDeployed;

    Health(Sources sources, LongSupplier nanos, Duration cacheFor, long minFreeDiskMb) {
        this.sources = sources;
        this.nanos = nanos;
        this.cacheNanos = cacheFor.toNanos();
        this.minFreeDiskMb = minFreeDiskMb;
    }

    /** A new threshold applies from the next evaluation on. */
    synchronized void minFreeDiskMb(long mb) {
        minFreeDiskMb = mb;
        ready = null;
    }

    @Override
    public synchronized HealthReport liveness() {
        long now = nanos.getAsLong();
        if (live == null || now - live.at() >= cacheNanos) {
            live = new Cached(HealthReport.of(List.of(HealthChecks.container(sources.stopping()))), now);
        }
        return live.report();
    }

    @Override
    public synchronized HealthReport readiness() {
        long now = nanos.getAsLong();
        if (ready == null || now - ready.at() >= cacheNanos) {
            ready = new Cached(HealthReport.of(readinessChecks()), now);
        }
        return ready.report();
    }

    private List<Check> readinessChecks() {
        List<Check> checks = new ArrayList<>();
        BrokerState broker = sources.broker();
        checks.add(HealthChecks.broker(broker));
        checks.add(HealthChecks.servicePlane(sources.servicePlane()));
        if (broker.journal() != null) {
            checks.add(HealthChecks.disk(broker.journal().toString(), sources.usableBytes(broker.journal()),
                    minFreeDiskMb));
        }
        checks.addAll(flowChecks());
        checks.addAll(connectorChecks());
        return checks;
    }

    private List<Check> flowChecks() {
        FlowService flows = sources.flows();
        if (flows == null) {
            return List.of(HealthChecks.noFlowRuntime());
        }
        try {
            Set<String> critical = flows.criticalFlows();
            Set<String> missing = new TreeSet<>(critical);
            List<Check> checks = new ArrayList<>();
            for (FlowStatus flow : flows.list()) {
                checks.add(HealthChecks.flow(flow, critical.contains(flow.name())));
                missing.remove(flow.name());
            }
            missing.forEach(name -> checks.add(HealthChecks.criticalNotDeployed(name)));
            if (!startDeployed) {
                // Once after a start: not ready until the flows of the flows directory are deployed. A flow dropped
                // later does not make the node (or, with a shared directory, every node at once) unready.
                Set<String> pending = flows.flowFilesNotDeployed();
                if (pending.isEmpty()) {
                    startDeployed = true;
                } else {
                    checks.add(HealthChecks.flowFilesPending(pending));
                }
            }
            return checks;
        } catch (RuntimeException e) {
            // The runtime is going away while we read it.
            return List.of(HealthChecks.noFlowRuntime());
        }
    }

    private List<Check> connectorChecks() {
        ConnectorService connectors = sources.connectors();
        if (connectors == null) {
            return List.of();
        }
        try {
            return connectors.list().stream().sorted(Comparator.comparing(ConnectorInstance::name))
                    .map(HealthChecks::connector).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
