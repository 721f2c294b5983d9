package dev.conflux.catalog.internal;

import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.ChangeImpact;
import dev.conflux.catalog.api.NodeKind;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowInterfaces;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new revision of a flow changes in the catalog: the inputs and outputs it adds and removes, and, for each,
 * who notices — the flows on the other side of a queue, the callers of an operation.
 */
final class ChangeAnalysis {

    private ChangeAnalysis() {
    }

    static ChangeImpact of(Catalog catalog, FlowInterfaces running, FlowInterfaces next, Interfaces interfaces) {
        Map<Direction, Set<String>> before = running == null ? Map.of(Direction.IN, Set.of(), Direction.OUT, Set.of())
                : CatalogGraph.nodeIds(running, interfaces);
        Map<Direction, Set<String>> after = CatalogGraph.nodeIds(next, interfaces);
        List<String> addedIn = minus(after.get(Direction.IN), before.get(Direction.IN));
        List<String> removedIn = minus(before.get(Direction.IN), after.get(Direction.IN));
        List<String> addedOut = minus(after.get(Direction.OUT), before.get(Direction.OUT));
        List<String> removedOut = minus(before.get(Direction.OUT), after.get(Direction.OUT));
        String flow = next.flow();
        List<String> findings = new ArrayList<>();
        for (String id : removedOut) {
            List<String> consumers = others(catalog, id, flow, true);
            List<String> producers = others(catalog, id, flow, false);
            String what = "removes output " + label(catalog, id);
            if (consumers.isEmpty()) {
                findings.add(what + ": no other flow consumes it");
            } else if (producers.isEmpty()) {
                findings.add(what + ": " + flows(consumers) + (consumers.size() == 1 ? " loses its only producer"
                        : " lose their only producer"));
            } else {
                findings.add(what + ": " + flows(consumers) + " still " + (consumers.size() == 1 ? "gets" : "get")
                        + " messages from " + flows(producers));
            }
        }
        for (String id : removedIn) {
            String what = "stops consuming " + label(catalog, id);
            if (id.startsWith("api:")) {
                findings.add("removes " + label(catalog, id) + ": its callers get 404 Not Found");
                continue;
            }
            List<String> producers = others(catalog, id, flow, false);
            List<String> consumers = others(catalog, id, flow, true);
            if (!consumers.isEmpty()) {
                findings.add(what + ": " + flows(consumers) + " still consume" + (consumers.size() == 1 ? "s" : "")
                        + " it");
            } else if (!producers.isEmpty()) {
                findings.add(what + ": nothing else consumes it, so messages from " + flows(producers) + " pile up");
            } else {
                findings.add(what + ": no other flow uses it");
            }
        }
        for (String id : addedOut) {
            if ((id.startsWith("queue:") || id.startsWith("topic:")) && others(catalog, id, flow, true).isEmpty()) {
                findings.add("adds output " + label(catalog, id) + ", which no flow consumes");
            } else {
                findings.add("adds output " + label(catalog, id));
            }
        }
        for (String id : addedIn) {
            List<String> consumers = others(catalog, id, flow, true);
            findings.add("adds input " + label(catalog, id) + (consumers.isEmpty() || id.startsWith("topic:") ? ""
                    : ": " + flows(consumers) + " consume" + (consumers.size() == 1 ? "s" : "")
                            + " it too, and the two compete for its messages"));
        }
        return new ChangeImpact(flow, running != null, addedIn, removedIn, addedOut, removedOut, findings);
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new LinkedHashSet<>(a);
        r.removeAll(b);
        return List.copyOf(r);
    }

    /** The other flows that consume from ({@code consumers}) or send to a node. */
    private static List<String> others(Catalog catalog, String id, String flow, boolean consumers) {
        Set<String> found = new LinkedHashSet<>();
        for (CatalogEdge e : catalog.edges()) {
            if (!e.flow().isEmpty() && !e.flow().equals(flow) && (consumers ? e.from().equals(id) : e.to().equals(id))) {
                found.add(e.flow());
            }
        }
        return List.copyOf(found);
    }

    private static String flows(List<String> names) {
        return (names.size() == 1 ? "flow " : "flows ") + String.join(", ", names);
    }

    /** {@code queue billing.in}, {@code REST operation POST /api/orders}, {@code connector partner-a}. */
    private static String label(Catalog catalog, String id) {
        int colon = id.indexOf(':');
        String kind = id.substring(0, colon);
        String name = id.substring(colon + 1);
        return switch (kind) {
            case "api" -> catalog.node(id).map(CatalogNode::details).map(d -> d.get("type")).orElse("").equals("soap")
                    ? "SOAP service " + name : "REST operation " + name;
            case "system" -> "system " + name;
            default -> NodeKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)).label() + " " + name;
        };
    }
}
