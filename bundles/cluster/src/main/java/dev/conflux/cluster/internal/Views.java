package dev.conflux.cluster.internal;

import dev.conflux.cluster.api.ClusterView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster's view from the nodes' latest reports (pure: no broker, no clock of its own). A node is up while its
 * last report is at most three reporting intervals old. Flows are compared by content (sha-256), since each node
 * numbers its own revisions; a node that runs other content than most of the others, or lacks a flow, is named.
 */
final class Views {

    static final int MISSED_REPORTS = 3;

    private Views() {
    }

    static ClusterView of(ClusterDefinition definition, String localNode, Map<String, NodeReport> reports, Instant now) {
        Duration stale = Duration.ofSeconds((long) definition.statusSeconds() * MISSED_REPORTS);
        List<ClusterView.Node> nodes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, NodeReport> up = new LinkedHashMap<>();
        Set<String> defined = new TreeSet<>();
        for (ClusterDefinition.DefinedNode d : definition.nodes()) {
            defined.add(d.name());
            nodes.add(node(d.name(), d.host(), d.broker(), reports.get(d.name()), now, stale, up, problems));
        }
        for (NodeReport r : reports.values()) {
            if (!defined.contains(r.node())) {
                nodes.add(node(r.node(), "", "not in the definition", r, now, stale, up, problems));
                problems.add("node " + r.node() + " reports to the cluster but is not in etc/conflux.cluster.cfg");
            }
        }
        List<String> active = up.values().stream().filter(r -> "active".equals(r.broker())).map(NodeReport::node).toList();
        boolean brokers = up.values().stream().anyMatch(r -> !"none".equals(r.broker()));
        if (active.size() > 1) {
            problems.add("more than one active broker: " + String.join(", ", active));
        } else if (active.isEmpty() && brokers) {
            problems.add("no broker of the pair is active");
        }
        return new ClusterView(!localNode.isEmpty(), localNode, nodes, flows(up, problems), problems);
    }

    private static ClusterView.Node node(String name, String host, String defined, NodeReport r, Instant now,
            Duration stale, Map<String, NodeReport> up, List<String> problems) {
        if (r == null) {
            problems.add("node " + name + " has not reported (never started, or cannot reach the broker pair)");
            return new ClusterView.Node(name, host, defined, "unknown", "unknown", "never seen", null, null);
        }
        Duration age = Duration.between(r.at(), now);
        if (age.compareTo(stale) > 0) {
            problems.add("node " + name + " is down: last seen " + words(age) + " ago");
            return new ClusterView.Node(name, host, defined, r.broker(), "unknown", "down", r.at(), r.started());
        }
        up.put(name, r);
        if (!"UP".equals(r.health())) {
            problems.add("node " + name + " is not ready (health " + r.health() + ")");
        }
        return new ClusterView.Node(name, host, defined, r.broker(), r.health(), "up", r.at(), r.started());
    }

    private static List<ClusterView.Flow> flows(Map<String, NodeReport> up, List<String> problems) {
        Map<String, Map<String, NodeReport.FlowReport>> byFlow = new TreeMap<>();
        for (NodeReport r : up.values()) {
            for (NodeReport.FlowReport f : r.flows()) {
                byFlow.computeIfAbsent(f.name(), k -> new LinkedHashMap<>()).put(r.node(), f);
            }
        }
        List<ClusterView.Flow> flows = new ArrayList<>();
        for (Map.Entry<String, Map<String, NodeReport.FlowReport>> e : byFlow.entrySet()) {
            Map<String, String> revisions = new LinkedHashMap<>();
            Map<String, String> contents = new LinkedHashMap<>();
            for (String node : up.keySet()) {
                NodeReport.FlowReport f = e.getValue().get(node);
                revisions.put(node, f == null ? "missing"
                        : shortSha(f.sha256()) + " (revision " + f.revision() + ", " + f.state() + ")");
                contents.put(node, f == null ? "" : f.sha256());
            }
            String most = contents.values().stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting())).entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse("");
            boolean same = contents.values().stream().distinct().count() == 1 && !most.isEmpty();
            if (!same) {
                for (Map.Entry<String, String> c : contents.entrySet()) {
                    if (c.getValue().isEmpty()) {
                        problems.add("flow " + e.getKey() + " is missing on node " + c.getKey());
                    } else if (!c.getValue().equals(most)) {
                        problems.add("flow " + e.getKey() + " differs on node " + c.getKey() + ": it runs "
                                + shortSha(c.getValue()) + ", most nodes run " + (most.isEmpty() ? "nothing" : shortSha(most)));
                    }
                }
            }
            flows.add(new ClusterView.Flow(e.getKey(), revisions, same));
        }
        return flows;
    }

    static String shortSha(String sha) {
        return sha == null || sha.isEmpty() ? "(no content)" : sha.substring(0, Math.min(12, sha.length()));
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
