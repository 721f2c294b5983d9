package dev.conflux.cluster.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as seen from one node.
 *
 * @param clustered whether this instance is a node of a cluster
 * @param localNode this node's name (empty when not clustered)
 * @param nodes     every node of the cluster's definition, in its order, then any node that reported without being
 *                  defined
 * @param flows     each flow deployed on any node that is up, with the revision each node runs
 * @param problems  what differs or is missing, in words for support staff (empty when all is well)
 */
public record ClusterView(boolean clustered, String localNode, List<Node> nodes, List<Flow> flows,
        List<String> problems) {

    public ClusterView {
        nodes = List.copyOf(nodes);
        flows = List.copyOf(flows);
        problems = List.copyOf(problems);
    }

    /**
     * One node.
     *
     * @param name     its name in the cluster definition
     * @param host     where it is reached
     * @param defined  its broker role in the definition: primary, backup or none (client-only)
     * @param broker   what its broker is doing now: active, passive (in sync), passive (synchronising), none, or
     *                 unknown when the node has not reported
     * @param health   its readiness (UP, DOWN) as it last reported it; unknown when never seen
     * @param state    up (reported within the last {@code 3 x} the reporting interval), down, or never seen
     * @param lastSeen when it last reported, null when never
     * @param started  when its container started, null when never seen
     */
    public record Node(String name, String host, String defined, String broker, String health, String state,
            Instant lastSeen, Instant started) {
    }

    /**
     * One flow across the nodes.
     *
     * @param name      the flow's name
     * @param revisions per node that is up: {@code sha256-prefix (revision N, STATE)}, or {@code missing}
     * @param same      whether every node that is up runs the same content
     */
    public record Flow(String name, Map<String, String> revisions, boolean same) {

        public Flow {
            revisions = Collections.unmodifiableMap(new LinkedHashMap<>(revisions));
        }
    }
}
