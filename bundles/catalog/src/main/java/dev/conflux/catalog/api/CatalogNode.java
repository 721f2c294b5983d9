package dev.conflux.catalog.api;

import java.util.Map;

/**
 * One node of the catalog.
 *
 * @param id      unique in the catalog: {@code <kind>:<name>}, e.g. {@code queue:orders.in}, {@code api:POST /api/orders}
 * @param kind    what it is
 * @param name    how users name it: the flow's or instance's name, the queue's name, {@code POST /api/orders}, a host
 * @param details what else is known, by key (e.g. a flow's {@code owner}, {@code revision}, {@code state}; an
 *                API's {@code openapi} or {@code wsdl} link; a connector's {@code type} and {@code status})
 */
public record CatalogNode(String id, NodeKind kind, String name, Map<String, String> details) {

    public CatalogNode {
        details = Map.copyOf(details);
    }

    public static String id(NodeKind kind, String name) {
        return kind.label() + ":" + name;
    }
}
