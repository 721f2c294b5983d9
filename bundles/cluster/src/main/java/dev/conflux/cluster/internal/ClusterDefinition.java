package dev.conflux.cluster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster section of an environment's definition, {@code etc/conflux.cluster.cfg} (Config Admin PID
 * {@code conflux.cluster}): the nodes, each with its host and broker role, and the shared directory. bin/conflux reads
 * the same file for the node it starts (ports, role); this bundle only needs the names, hosts and roles.
 */
record ClusterDefinition(List<DefinedNode> nodes, String sharedDir, int statusSeconds) {

    static final ClusterDefinition NONE = new ClusterDefinition(List.of(), "", 5);

    record DefinedNode(String name, String host, String broker) {
    }

    ClusterDefinition {
        nodes = List.copyOf(nodes);
    }

    static ClusterDefinition of(Map<String, ?> config) {
        if (config == null) {
            return NONE;
        }
        List<DefinedNode> nodes = new ArrayList<>();
        for (String name : text(config, "nodes").split(",")) {
            if (!name.isBlank()) {
                String n = name.strip();
                nodes.add(new DefinedNode(n, text(config, "node." + n + ".host"), text(config, "node." + n + ".broker")));
            }
        }
        String seconds = text(config, "status.seconds");
        int interval;
        try {
            interval = seconds.isEmpty() ? 5 : Integer.parseInt(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status.seconds = '" + seconds + "' in etc/conflux.cluster.cfg must be a"
                    + " whole number of seconds");
        }
        if (interval < 1) {
            throw new IllegalArgumentException("status.seconds in etc/conflux.cluster.cfg must be at least 1, not "
                    + interval);
        }
        return new ClusterDefinition(nodes, text(config, "shared.dir"), interval);
    }

    private static String text(Map<String, ?> config, String key) {
        Object value = config.get(key);
        return value == null ? "" : value.toString().strip();
    }
}
