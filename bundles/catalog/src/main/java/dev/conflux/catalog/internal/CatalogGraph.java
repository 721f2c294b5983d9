package dev.conflux.catalog.internal;

import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.NodeKind;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowEndpoint.Origin;
import dev.conflux.runtime.api.FlowInterfaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the catalog graph from what the runtime says of every flow and what the connector registry holds. */
final class CatalogGraph {

    private final Map<String, CatalogNode> nodes = new LinkedHashMap<>();
    private final Set<CatalogEdge> edges = new LinkedHashSet<>();
    private final List<Catalog.DynamicTarget> dynamic = new ArrayList<>();

    private CatalogGraph() {
    }

    static Catalog build(String environment, Instant at, List<FlowInterfaces> flows, List<ConnectorInstance> connectors,
            Interfaces interfaces) {
        CatalogGraph g = new CatalogGraph();
        for (ConnectorInstance c : connectors) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("type", c.type());
            details.put("status", c.status().name());
            if (c.description() != null && !c.description().isBlank()) {
                details.put("description", c.description());
            }
            details.put("source", c.source());
            g.add(new CatalogNode(CatalogNode.id(NodeKind.CONNECTOR, c.name()), NodeKind.CONNECTOR, c.name(), details));
        }
        for (FlowInterfaces f : flows) {
            g.addFlow(f, interfaces);
        }
        for (ConnectorInstance c : connectors) {
            g.linkSystems(c);
        }
        List<CatalogNode> sortedNodes = g.nodes.values().stream()
                .sorted(Comparator.comparing(CatalogNode::kind).thenComparing(CatalogNode::name)).toList();
        List<CatalogEdge> sortedEdges = g.edges.stream()
                .sorted(Comparator.comparing(CatalogEdge::from).thenComparing(CatalogEdge::to)
                        .thenComparing(CatalogEdge::flow))
                .toList();
        return new Catalog(environment, at, sortedNodes, sortedEdges, g.dynamic);
    }

    /**
     * The node ids a flow's endpoints name, by direction, as written in the flow (not what dynamic targets were seen
     * to resolve to: a file being checked has none of those); the same reading as the graph's.
     */
    static Map<Direction, Set<String>> nodeIds(FlowInterfaces flow, Interfaces interfaces) {
        Map<Direction, Set<String>> ids = new LinkedHashMap<>();
        ids.put(Direction.IN, new LinkedHashSet<>());
        ids.put(Direction.OUT, new LinkedHashSet<>());
        for (FlowEndpoint e : flow.endpoints()) {
            if (e.origin() == Origin.STATIC) {
                interfaces.of(e.uri()).ifPresent(n -> ids.get(e.direction()).add(n.id()));
            }
        }
        return ids;
    }

    private void addFlow(FlowInterfaces f, Interfaces interfaces) {
        Map<String, String> details = new LinkedHashMap<>(f.metadata());
        details.put("source", f.source());
        details.put("revision", Integer.toString(f.revision()));
        details.put("state", f.state().name());
        String flowId = CatalogNode.id(NodeKind.FLOW, f.flow());
        add(new CatalogNode(flowId, NodeKind.FLOW, f.flow(), details));
        for (FlowEndpoint e : f.endpoints()) {
            if (e.origin() == Origin.DYNAMIC) {
                dynamic.add(new Catalog.DynamicTarget(f.flow(), e.route(), e.uri()));
                continue;
            }
            Optional<CatalogNode> node = interfaces.of(e.uri()).map(n -> withDetail(n, e));
            if (node.isEmpty()) {
                continue;
            }
            add(node.get());
            String known = e.origin() == Origin.LEARNED ? "learned" : "static";
            CatalogEdge edge = e.direction() == Direction.IN ? new CatalogEdge(node.get().id(), flowId, f.flow(), known)
                    : new CatalogEdge(flowId, node.get().id(), f.flow(), known);
            if (known.equals("learned") && edges.contains(new CatalogEdge(edge.from(), edge.to(), edge.flow(), "static"))) {
                continue;
            }
            edges.add(edge);
        }
    }

    /**
     * What the flow says of a published operation: a SOAP service's operations, a REST operation's request type and
     * media types.
     */
    private static CatalogNode withDetail(CatalogNode node, FlowEndpoint e) {
        if (node.kind() != NodeKind.API || e.detail().isEmpty()) {
            return node;
        }
        Map<String, String> details = new LinkedHashMap<>(node.details());
        String[] parts = e.detail().split("; ");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("operations ")) {
                details.put("operations", part.substring("operations ".length()));
            } else if (part.startsWith("request ")) {
                details.put("request", part.substring("request ".length()));
            } else if (part.startsWith("consumes ") || part.startsWith("produces ")) {
                details.put(part.substring(0, part.indexOf(' ')), part.substring(part.indexOf(' ') + 1));
            } else {
                // the operation's own description comes last and may hold "; " itself
                details.put("description", String.join("; ", Arrays.copyOfRange(parts, i, parts.length)));
                break;
            }
        }
        return new CatalogNode(node.id(), node.kind(), node.name(), details);
    }

    /** A connector instance's systems, linked the way data goes: into the flows that read it, out of those that write. */
    private void linkSystems(ConnectorInstance c) {
        String id = CatalogNode.id(NodeKind.CONNECTOR, c.name());
        boolean read = edges.stream().anyMatch(e -> e.from().equals(id));
        boolean written = edges.stream().anyMatch(e -> e.to().equals(id));
        for (CatalogNode system : Interfaces.systemsOf(c)) {
            add(system);
            if (read) {
                edges.add(new CatalogEdge(system.id(), id, "", "configured"));
            }
            if (written || !read) {
                edges.add(new CatalogEdge(id, system.id(), "", "configured"));
            }
        }
    }

    /** The first sighting of a node names it; later ones add details it did not have. */
    private void add(CatalogNode node) {
        nodes.merge(node.id(), node, (a, b) -> {
            Map<String, String> merged = new LinkedHashMap<>(b.details());
            merged.putAll(a.details());
            return new CatalogNode(a.id(), a.kind(), a.name(), merged);
        });
    }
}
