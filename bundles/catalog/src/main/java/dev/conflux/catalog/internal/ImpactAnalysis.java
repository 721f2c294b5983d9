package dev.conflux.catalog.internal;

import dev.conflux.alerts.api.AlertRule;
import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.Impact;
import dev.conflux.catalog.api.NodeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who is touched when a node changes or fails: walks the graph against the data (who feeds it) and with it (whom
 * it feeds), through flows and queues. A walk does not pass through a connector instance or a system outside: two
 * connector instances on one host, or two flows on one instance, are not one data path.
 */
final class ImpactAnalysis {

    private static final Map<String, Set<NodeKind>> KINDS = Map.of(
            "flow", Set.of(NodeKind.FLOW),
            "queue", Set.of(NodeKind.QUEUE, NodeKind.TOPIC),
            "connector", Set.of(NodeKind.CONNECTOR),
            "endpoint", Set.of(NodeKind.API, NodeKind.ENDPOINT),
            "host", Set.of(NodeKind.SYSTEM));

    private final Catalog catalog;
    private final Map<String, CatalogNode> byId;
    private final Map<String, List<String>> forward = new HashMap<>();
    private final Map<String, List<String>> backward = new HashMap<>();

    ImpactAnalysis(Catalog catalog) {
        this.catalog = catalog;
        this.byId = catalog.nodes().stream().collect(Collectors.toMap(CatalogNode::id, Function.identity()));
        for (CatalogEdge e : catalog.edges()) {
            forward.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            backward.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
    }

    /** The nodes a kind and name denote; an IllegalArgumentException lists what there is when none. */
    List<CatalogNode> subjects(String kind, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Name the " + (kind == null ? "node" : kind) + " to analyse");
        }
        Set<NodeKind> kinds = KINDS.get(kind == null ? "" : kind.toLowerCase(Locale.ROOT));
        if (kinds == null) {
            throw new IllegalArgumentException("Unknown kind '" + kind + "': use one of " + String.join(", ", CatalogService.IMPACT_KINDS));
        }
        List<CatalogNode> of = catalog.nodes().stream().filter(n -> kinds.contains(n.kind())).toList();
        List<CatalogNode> found = of.stream().filter(n -> n.name().equals(name)).toList();
        if (found.isEmpty()) {
            found = of.stream().filter(n -> name.equals(n.details().get("endpoint")) || name.equals(n.details().get("host"))
                    || name.equals(n.details().get("path"))).toList();
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No " + kind + " named '" + name + "' in the catalog"
                    + (of.isEmpty() ? " (it has none)" : "; there are: "
                            + of.stream().map(CatalogNode::name).sorted().collect(Collectors.joining(", "))));
        }
        return found;
    }

    Impact impact(String kind, String name, List<AlertRule> rules) {
        List<CatalogNode> subjects = subjects(kind, name);
        Set<String> start = subjects.stream().map(CatalogNode::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> direct = new TreeSet<>();
        for (String s : start) {
            if (s.startsWith("flow:")) {
                direct.add(s);
            }
            neighbours(s).stream().filter(n -> n.startsWith("flow:")).forEach(direct::add);
            if (byId.get(s).kind() == NodeKind.SYSTEM) {
                // the flows that use a connector instance reaching the system
                neighbours(s).stream().filter(n -> n.startsWith("connector:"))
                        .flatMap(c -> neighbours(c).stream()).filter(n -> n.startsWith("flow:")).forEach(direct::add);
            }
        }
        // From a system, the walk starts at the connector instances that reach it too; elsewhere it does not pass
        // through a connector instance or system (one flow writing an sftp outbox and another reading its inbox
        // through one instance are not one data path).
        Set<String> walkFrom = new LinkedHashSet<>(start);
        for (String s : start) {
            if (byId.get(s).kind() == NodeKind.SYSTEM) {
                neighbours(s).stream().filter(n -> n.startsWith("connector:")).forEach(walkFrom::add);
            }
        }
        Map<String, String> up = walk(walkFrom, backward);
        Map<String, String> down = walk(walkFrom, forward);
        Set<String> concerned = new LinkedHashSet<>(start);
        concerned.addAll(direct);
        concerned.addAll(up.keySet());
        concerned.addAll(down.keySet());
        List<String> upstream = flowsIn(up.keySet(), direct);
        List<String> downstream = flowsIn(down.keySet(), direct);
        Set<String> apiIds = new TreeSet<>();
        for (String id : concerned) {
            if (byId.get(id).kind() == NodeKind.API && (up.containsKey(id) || start.contains(id) || touchesDirect(id, direct))) {
                apiIds.add(id);
            }
        }
        List<String> paths = new ArrayList<>();
        for (String f : upstream) {
            paths.add(path(f, up, true));
        }
        for (String a : apiIds) {
            if (up.containsKey(a)) {
                paths.add(path(a, up, true));
            }
        }
        for (String f : downstream) {
            paths.add(path(f, down, false));
        }
        return new Impact(subjects, names(direct), names(upstream), names(downstream),
                apiIds.stream().map(byId::get).toList(), alerts(concerned, rules), paths, Map.of());
    }

    private boolean touchesDirect(String api, Set<String> direct) {
        return neighbours(api).stream().anyMatch(direct::contains);
    }

    private List<String> neighbours(String id) {
        List<String> n = new ArrayList<>(forward.getOrDefault(id, List.of()));
        n.addAll(backward.getOrDefault(id, List.of()));
        return n;
    }

    /** Breadth first from the start nodes; each node reached with the node it was reached from. */
    private Map<String, String> walk(Set<String> start, Map<String, List<String>> edges) {
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(start);
        Set<String> seen = new LinkedHashSet<>(start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            NodeKind kind = byId.get(at).kind();
            if (!start.contains(at) && (kind == NodeKind.SYSTEM || kind == NodeKind.CONNECTOR)) {
                continue;
            }
            for (String next : edges.getOrDefault(at, List.of())) {
                if (seen.add(next)) {
                    reachedFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return reachedFrom;
    }

    private static List<String> flowsIn(Set<String> ids, Set<String> direct) {
        return ids.stream().filter(i -> i.startsWith("flow:") && !direct.contains(i)).sorted().toList();
    }

    /** {@code a → b → subject} for a node upstream, {@code subject → … → node} for one downstream. */
    private static String path(String node, Map<String, String> reachedFrom, boolean upstream) {
        List<String> chain = new ArrayList<>();
        for (String at = node; at != null; at = reachedFrom.get(at)) {
            chain.add(at);
        }
        if (!upstream) {
            java.util.Collections.reverse(chain);
        }
        return String.join(" → ", chain);
    }

    private static List<String> names(java.util.Collection<String> flowIds) {
        return flowIds.stream().map(i -> i.substring("flow:".length())).toList();
    }

    /** Rules whose target is among the concerned nodes, and rules that watch every node of a kind concerned. */
    private List<String> alerts(Set<String> concerned, List<AlertRule> rules) {
        Map<String, Set<String>> targets = new HashMap<>();
        for (String id : concerned) {
            CatalogNode n = byId.get(id);
            switch (n.kind()) {
                case FLOW -> targets.computeIfAbsent("flow", k -> new TreeSet<>()).add(n.name());
                case QUEUE, TOPIC -> targets.computeIfAbsent("queue", k -> new TreeSet<>()).add(n.name());
                case CONNECTOR -> targets.computeIfAbsent("connector", k -> new TreeSet<>()).add(n.name());
                case API -> targets.computeIfAbsent("endpoint", k -> new TreeSet<>())
                        .add(n.details().getOrDefault("endpoint", n.name()));
                default -> {
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (AlertRule r : rules) {
            String watches = watches(r.kind());
            Set<String> of = targets.getOrDefault(watches, Set.of());
            if (of.isEmpty() || r.target() == null) {
                continue;
            }
            if (r.target().equals("*") || of.contains(r.target())) {
                found.add(r.name() + " (" + r.kind() + " on " + r.target() + ")");
            }
        }
        return found;
    }

    /** What a rule kind watches, from its name: queue-depth, dead-letters → queue; flow-… → flow; … */
    static String watches(String ruleKind) {
        if (ruleKind == null) {
            return "";
        }
        if (ruleKind.startsWith("queue-") || ruleKind.equals("dead-letters")) {
            return "queue";
        }
        int dash = ruleKind.indexOf('-');
        return dash < 0 ? ruleKind : ruleKind.substring(0, dash);
    }
}
