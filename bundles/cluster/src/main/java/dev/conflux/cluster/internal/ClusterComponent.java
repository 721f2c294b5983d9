package dev.conflux.cluster.internal;

import dev.conflux.cluster.api.ClusterService;
import dev.conflux.cluster.api.ClusterView;
import dev.conflux.monitoring.api.HealthService;
import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import jakarta.jms.ConnectionFactory;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterService}. On a node of a cluster (system property {@code conflux.node}, set by bin/conflux), every
 * {@code status.seconds} (etc/conflux.cluster.cfg, default 5) it sends its report to the status queue over the same
 * HA connection the flows use, and reads everyone's; {@link #view()} answers from the last read, so it never waits for
 * the broker. Alone, the view is this instance. With a shared directory it also makes FileInstall follow the shared
 * {@code etc/}.
 */
@Component(immediate = true, configurationPid = "conflux.cluster", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClusterComponent implements ClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);
    /** The FileInstall watcher of the shared etc/ (a factory configuration of FileInstall's own PID). */
    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    static final String SHARED_ETC_NAME = "conflux-cluster";

    @Reference
    private FlowService flows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthService health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(conflux.broker=embedded)")
    private volatile ConnectionFactory broker;

    @Reference
    private ConfigurationAdmin configurations;

    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private ClusterDefinition definition = ClusterDefinition.NONE;
    private String node = "";
    private ScheduledExecutorService ticker;
    private volatile StatusQueue queue;
    private volatile Map<String, NodeReport> reports = Map.of();
    private volatile boolean failing;

    @Activate
    void activate(Map<String, Object> properties) throws Exception {
        node = System.getProperty("conflux.node", "").strip();
        definition = node.isEmpty() ? ClusterDefinition.NONE : ClusterDefinition.of(properties);
        followSharedEtc(System.getProperty("conflux.cluster.shared", "").strip());
        if (node.isEmpty()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conflux-cluster-status");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, definition.statusSeconds(), TimeUnit.SECONDS);
        LOG.info("Node '{}' of the cluster ({}): reporting its status every {} s", node,
                String.join(", ", definition.nodes().stream().map(ClusterDefinition.DefinedNode::name).toList()),
                definition.statusSeconds());
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                // A tick waiting for the broker pair to come back is not waited for longer than this.
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StatusQueue q = queue;
        if (q != null) {
            q.close();
            queue = null;
        }
    }

    @Override
    public ClusterView view() {
        if (node.isEmpty()) {
            NodeReport self = report("this instance");
            return Views.of(new ClusterDefinition(List.of(new ClusterDefinition.DefinedNode("this instance",
                    "", "standalone")), "", 5), "", Map.of(self.node(), self), Instant.now());
        }
        return Views.of(definition, node, reports, Instant.now());
    }

    private void tick() {
        ConnectionFactory factory = broker;
        if (factory == null) {
            return;
        }
        try {
            if (queue == null) {
                queue = new StatusQueue(factory);
            }
            queue.send(report(node));
            reports = Map.copyOf(queue.read());
            if (failing) {
                LOG.info("Cluster status: reaching the broker pair again");
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("Cluster status: cannot reach the broker pair ({}); other nodes see this node as down until"
                        + " it can", e.getMessage());
                failing = true;
            }
            if (queue != null) {
                queue.close();
                queue = null;
            }
        }
    }

    /** What this node says about itself now. */
    NodeReport report(String name) {
        List<NodeReport.FlowReport> list = new ArrayList<>();
        for (FlowStatus f : flows.list()) {
            list.add(new NodeReport.FlowReport(f.name(), sha(f), f.revision(), f.state().name()));
        }
        HealthService h = health;
        String ready = h == null ? "unknown" : h.readiness().status().name();
        return new NodeReport(name, brokerState(), ready, started, Instant.now(), list);
    }

    private String sha(FlowStatus f) {
        if (f.revision() <= 0) {
            return "";
        }
        return shas.computeIfAbsent(f.name() + "#" + f.revision(), k -> {
            for (FlowRevision r : flows.history(f.name())) {
                if (r.revision() == f.revision() && r.sha256() != null) {
                    return r.sha256();
                }
            }
            return "";
        });
    }

    /** This node's broker as its MBean says: active, passive (in sync|synchronising), none, or not running. */
    static String brokerState() {
        if ("none".equals(System.getProperty("conflux.broker.role", "").strip())) {
            return "none";
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.activemq.artemis:broker=*"), null);
            if (names.isEmpty()) {
                return "not running";
            }
            ObjectName b = names.iterator().next();
            if (Boolean.TRUE.equals(server.getAttribute(b, "Active"))) {
                return "active";
            }
            return Boolean.TRUE.equals(server.getAttribute(b, "ReplicaSync")) ? "passive (in sync)"
                    : "passive (synchronising)";
        } catch (Exception e) {
            return "not running";
        }
    }

    /**
     * FileInstall watches the cluster's shared etc/ as it watches etc/ (a factory configuration of its own PID), so the
     * flows' and connectors' configuration is the same on every node; without a shared directory, no such watcher.
     */
    private void followSharedEtc(String shared) throws Exception {
        Configuration c = configurations.getFactoryConfiguration(FILEINSTALL, SHARED_ETC_NAME, "?");
        if (shared.isEmpty()) {
            if (c.getProperties() != null) {
                c.delete();
            }
            return;
        }
        String dir = shared + "/etc";
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("felix.fileinstall.dir", dir);
        p.put("felix.fileinstall.filter", ".*\\.cfg");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "3");
        // No node writes Config Admin's view back into the shared files: bin/conflux turns FileInstall's saving off
        // on every node of a cluster (a framework property; FileInstall has no per-directory switch).
        Dictionary<String, Object> current = c.getProperties();
        if (current == null || !dir.equals(current.get("felix.fileinstall.dir"))) {
            c.update(p);
            LOG.info("Following the cluster's shared configuration in {}", dir);
        }
    }
}
