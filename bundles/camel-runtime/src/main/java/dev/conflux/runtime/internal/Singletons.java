package dev.conflux.runtime.internal;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicyFactory;

/**
 * Singleton flows: a flow whose properties say {@code singleton = true} runs on one node of the cluster at a time
 * (docs/cluster.md). Every node starts the flow, and Camel's {@link ClusteredRoutePolicyFactory} starts its routes
 * only on the node that leads the flow's namespace; the leader is whoever holds the flow's lock file in the cluster's
 * shared directory ({@link FileLockClusterService}). When the leader dies, the operating system releases its lock and
 * another node takes the flow over within a few seconds.
 *
 * <p>On an instance that is not a node of a cluster the flow simply runs there.
 */
final class Singletons {

    /** The flow property that makes a flow a singleton. */
    static final String PROPERTY = "singleton";
    /** Seconds between a follower's attempts at the lock (the leader renews its heartbeat as often). */
    static final int LOCK_INTERVAL_SECONDS = 1;

    private final String node;
    private final Path locks;

    /**
     * @param node  this node's name, empty when not a node of a cluster
     * @param locks where the lock files are (on storage every node shares), null when the cluster has none
     */
    Singletons(String node, Path locks) {
        this.node = node == null ? "" : node.strip();
        this.locks = locks;
    }

    /** From the system properties bin/conflux sets on a node: {@code conflux.node}, {@code conflux.cluster.shared}. */
    static Singletons fromSystemProperties() {
        String shared = System.getProperty("conflux.cluster.shared", "").strip();
        return new Singletons(System.getProperty("conflux.node", ""),
                shared.isEmpty() ? null : Path.of(shared).resolve("locks"));
    }

    static boolean isSingleton(Properties properties) {
        return properties != null && "true".equalsIgnoreCase(properties.getProperty(PROPERTY, "").strip());
    }

    /** Whether this instance is a node of a cluster. */
    boolean clustered() {
        return !node.isEmpty();
    }

    /**
     * Makes the flow's routes run only where this node leads the flow. A singleton flow on a cluster without a shared
     * directory cannot be coordinated and does not start (the message says what to set).
     */
    void apply(CamelContext context, String flow, Properties properties) {
        if (!isSingleton(properties) || !clustered()) {
            return;
        }
        if (locks == null) {
            throw new IllegalStateException("flow '" + flow + "' is a singleton (singleton = true) but the cluster has no"
                    + " shared directory to coordinate it: set shared.dir in etc/conflux.cluster.cfg (docs/cluster.md)");
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setId(node);
        service.setRoot(locks.toString());
        service.setAcquireLockDelay(LOCK_INTERVAL_SECONDS, TimeUnit.SECONDS);
        service.setAcquireLockInterval(LOCK_INTERVAL_SECONDS, TimeUnit.SECONDS);
        try {
            context.addService(service);
        } catch (Exception e) {
            throw new IllegalStateException("flow '" + flow + "': the cluster lock in " + locks + " cannot be used: "
                    + e.getMessage(), e);
        }
        context.addRoutePolicyFactory(ClusteredRoutePolicyFactory.forNamespace(namespace(flow)));
    }

    /** The lock's name: one per flow. */
    static String namespace(String flow) {
        return "flow-" + flow;
    }
}
