package dev.conflux.cluster.internal;

import java.time.Instant;
import java.util.List;

/**
 * What a node says about itself, every few seconds, on the cluster's status queue (as JSON).
 *
 * @param node    its name
 * @param broker  its broker: active, passive (in sync), passive (synchronising) or none
 * @param health  its readiness: UP or DOWN
 * @param started when its container started
 * @param at      when it said this
 * @param flows   each flow it has, with the content it runs
 */
record NodeReport(String node, String broker, String health, Instant started, Instant at, List<FlowReport> flows) {

    NodeReport {
        flows = flows == null ? List.of() : List.copyOf(flows);
    }

    /**
     * @param sha256   of the running revision's content (empty when the node has no revision of it running)
     * @param revision the node's own revision number (numbers are per node; the content is what is compared)
     * @param state    STARTED, STOPPED, FAILED...
     */
    record FlowReport(String name, String sha256, int revision, String state) {
    }
}
