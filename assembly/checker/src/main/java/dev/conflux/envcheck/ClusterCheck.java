package dev.conflux.envcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The cluster section of an environment, {@code etc/conflux.cluster.cfg} (docs/cluster.md), checked at build time
 * for what bin/conflux would otherwise refuse on a node at start: the nodes, their broker roles (one primary, one
 * backup, the others none), their ports (numbers, and no two listeners of one host on one port), the shared directory.
 */
final class ClusterCheck {

    static final String FILE = "conflux.cluster.cfg";
    static final List<String> PLANES = List.of("http", "services", "broker", "amqp", "mqtt", "stomp", "ssh",
            "jmx.registry", "jmx.server");
    private static final Set<String> ROLES = Set.of("primary", "backup", "none");

    private ClusterCheck() {
    }

    static List<String> check(Properties cluster, String where) {
        List<String> problems = new ArrayList<>();
        if (cluster == null) {
            return problems;
        }
        List<String> nodes = new ArrayList<>();
        for (String n : cluster.getProperty("nodes", "").split(",")) {
            if (!n.isBlank()) {
                nodes.add(n.strip());
            }
        }
        if (nodes.isEmpty()) {
            problems.add(where + ": nodes is empty; list the cluster's nodes (e.g. nodes = a, b)");
            return problems;
        }
        int primaries = 0;
        int backups = 0;
        Map<String, String> portOwner = new HashMap<>();
        for (String node : nodes) {
            if (!node.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                problems.add(where + ": node name '" + node + "' may have letters, digits, '-' and '_' only");
            }
            String host = cluster.getProperty("node." + node + ".host", "").strip();
            if (host.isEmpty()) {
                problems.add(where + ": node." + node + ".host is missing (where the other nodes reach node " + node + ")");
            }
            String role = cluster.getProperty("node." + node + ".broker", "").strip();
            if (!ROLES.contains(role)) {
                problems.add(where + ": node." + node + ".broker = '" + role + "' must be primary, backup or none");
            }
            primaries += "primary".equals(role) ? 1 : 0;
            backups += "backup".equals(role) ? 1 : 0;
            for (String plane : PLANES) {
                String key = "node." + node + "." + plane + ".port";
                String value = cluster.getProperty(key);
                if (value == null) {
                    continue;
                }
                int port;
                try {
                    port = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    problems.add(where + ": " + key + " = '" + value + "' is not a port number (1-65535)");
                    continue;
                }
                String at = host + ":" + port;
                if (port < 1 || port > 65535) {
                    problems.add(where + ": " + key + " = " + port + " is not a port number (1-65535)");
                } else if (portOwner.containsKey(at)) {
                    problems.add(where + ": " + key + " and " + portOwner.get(at) + " both use " + at
                            + "; every listener needs its own port");
                } else {
                    portOwner.put(at, key);
                }
            }
        }
        if (primaries != 1 || backups != 1) {
            problems.add(where + ": the cluster needs one primary and one backup broker (found " + primaries
                    + " primary, " + backups + " backup)");
        }
        String shared = cluster.getProperty("shared.dir", "").strip();
        if (!shared.isEmpty() && !shared.startsWith("/")) {
            problems.add(where + ": shared.dir = '" + shared + "' must be an absolute path (the same on every node)");
        }
        return problems;
    }
}
