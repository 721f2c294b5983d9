package dev.conflux.monitoring.internal.health;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthReport.Status;
import dev.conflux.runtime.api.Durations;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Each check of the probes, from what was read (pure: no container, no clock of its own). Only the broker and
 * critical flows are decisive: the container is ready while the broker accepts connections and every flow whose
 * configuration says {@code critical = true} is STARTED. Details are words for support staff, never class names.
 */
final class HealthChecks {

    static final String BROKER = "broker";
    static final String SERVICE_PLANE = "service-plane";
    static final String DISK_JOURNAL = "disk:journal";
    static final String FLOWS = "flows";
    static final String FLOW_PREFIX = "flow:";
    static final String CONNECTOR_PREFIX = "connector:";
    static final String CONTAINER = "container";

    private static final long MIB = 1024L * 1024L;

    private HealthChecks() {
    }

    static Check container(boolean stopping) {
        return stopping ? new Check(CONTAINER, Status.DOWN, "the container is shutting down", true)
                : new Check(CONTAINER, Status.UP, "running", true);
    }

    /**
     * UP when the broker is started and every acceptor accepts connections. On a node of a cluster whose broker is
     * the passive one of the pair, or that has no broker, the node's flows use the pair's active broker: UP, and not
     * decisive (docs/cluster.md).
     */
    static Check broker(BrokerState broker) {
        switch (broker.pair()) {
            case NONE:
                return new Check(BROKER, Status.UP, "client-only node: no broker here, the flows use the cluster's broker"
                        + " pair", false);
            case PASSIVE_IN_SYNC:
                return new Check(BROKER, Status.UP, "passive broker of the pair, its replica in sync: it takes over if the"
                        + " active one fails; the flows use the active one", false);
            case PASSIVE_SYNCING:
                return new Check(BROKER, Status.UP, "passive broker of the pair, copying the active one's journal; the"
                        + " flows use the active one", false);
            default:
                break;
        }
        if (!broker.running()) {
            return new Check(BROKER, Status.DOWN, "the embedded broker is not running", true);
        }
        if (broker.acceptors().isEmpty()) {
            return new Check(BROKER, Status.DOWN, "the broker has no acceptor: it accepts no connection", true);
        }
        List<String> stopped = names(broker.acceptors(), started -> !started);
        if (!stopped.isEmpty()) {
            return new Check(BROKER, Status.DOWN, "acceptors not accepting connections: " + String.join(", ", stopped),
                    true);
        }
        return new Check(BROKER, Status.UP, "started; acceptors accepting: "
                + String.join(", ", names(broker.acceptors(), started -> started)), true);
    }

    static Check servicePlane(String restBaseUrl) {
        return restBaseUrl == null ? new Check(SERVICE_PLANE, Status.DOWN, "the service plane is not running", false)
                : new Check(SERVICE_PLANE, Status.UP, "listening at " + restBaseUrl, false);
    }

    /** DOWN when the journal's file system has less than the minimum free; -1 usable bytes means unreadable. */
    static Check disk(String where, long usableBytes, long minFreeMb) {
        if (usableBytes < 0) {
            return new Check(DISK_JOURNAL, Status.DOWN, "cannot read the free space of " + where, false);
        }
        String free = usableBytes / MIB + " MiB free at " + where + " (minimum " + minFreeMb + " MiB)";
        return new Check(DISK_JOURNAL, usableBytes < minFreeMb * MIB ? Status.DOWN : Status.UP, free, false);
    }

    /** UP when STARTED; decisive only for a critical flow. */
    static Check flow(FlowStatus flow, boolean critical) {
        StringBuilder detail = new StringBuilder(flow.state().name());
        if (flow.state() == FlowState.STARTED) {
            detail.append(" revision ").append(flow.revision()).append(", up ").append(Durations.since(flow.startedAt()));
        } else if (flow.lastErrorAt() != null && flow.state() == FlowState.FAILED) {
            detail.append(", failed ").append(Durations.ago(flow.lastErrorAt()));
        }
        if (critical) {
            detail.append(" (critical)");
        }
        return new Check(FLOW_PREFIX + flow.name(), flow.state() == FlowState.STARTED ? Status.UP : Status.DOWN,
                detail.toString(), critical);
    }

    /** A flow configured critical that is not deployed (yet): no file or bundle provides it, or it is on its way. */
    static Check criticalNotDeployed(String name) {
        return new Check(FLOW_PREFIX + name, Status.DOWN, "not deployed (critical)", true);
    }

    /**
     * Flow files in the flows directory that the runtime has not taken up yet (just after a start, or just dropped):
     * a node is not ready to take work, e.g. from a load balancer, before the flows it will run are deployed.
     */
    static Check flowFilesPending(Set<String> names) {
        return new Check(FLOWS, Status.DOWN, "flow files not deployed yet: " + String.join(", ", names), true);
    }

    /** The flow runtime itself is not running: no flow runs, critical ones included. */
    static Check noFlowRuntime() {
        return new Check(FLOWS, Status.DOWN, "the flow runtime is not running", true);
    }

    /** UP when the instance's last health check was UP; never decisive. */
    static Check connector(ConnectorInstance c) {
        String detail = switch (c.status()) {
            case UP -> "UP, checked " + Durations.ago(c.checkedAt());
            case DOWN -> "DOWN, checked " + Durations.ago(c.checkedAt()) + (c.reason() == null ? "" : ": " + c.reason());
            case UNKNOWN -> "not checked yet";
            case INVALID -> "INVALID configuration" + (c.reason() == null ? "" : ": " + c.reason());
        };
        return new Check(CONNECTOR_PREFIX + c.name(), c.status() == ConnectorInstance.Status.UP ? Status.UP : Status.DOWN,
                c.type() + " connector " + detail, false);
    }

    private static List<String> names(Map<String, Boolean> acceptors, Predicate<Boolean> which) {
        return acceptors.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).sorted()
                .toList();
    }
}
