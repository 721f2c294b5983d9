package dev.conflux.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What runs in one Conflux environment, as a graph: every flow, what it consumes and sends to, the connector
 * instances it uses and the systems behind them. Built from the running flows and connector instances when asked
 * for, so it never differs from what runs.
 *
 * @param environment the environment's name ({@code etc/conflux.environment.cfg})
 * @param builtAt     when it was read
 * @param nodes       sorted by kind, then name
 * @param edges       sorted by from, then to
 * @param dynamic     targets the flows compute per message ({@code toD}, {@code recipientList} …), as written, by flow:
 *                    what they resolve to appears as {@code learned} edges once the flow has sent to them
 */
public record Catalog(String environment, Instant builtAt, List<CatalogNode> nodes, List<CatalogEdge> edges,
        List<DynamicTarget> dynamic) {

    /** A target computed per message, which the catalog cannot read from the flow. */
    public record DynamicTarget(String flow, String route, String expression) {
    }

    public Catalog {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        dynamic = List.copyOf(dynamic);
    }

    public Optional<CatalogNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
