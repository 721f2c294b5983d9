package dev.conflux.catalog.api;

/**
 * Data flowing from one node to another: an endpoint into the flow that consumes it, a flow to what it sends to, a
 * connector instance to or from the system behind it.
 *
 * @param from  the id of the node the data comes from
 * @param to    the id of the node it goes to
 * @param flow  the flow that makes the edge, or empty for a connector instance's link to its system
 * @param known how the edge is known: {@code static} (written in the flow), {@code learned} (a dynamic target the
 *              flow was seen sending to) or {@code configured} (a connector instance's settings)
 */
public record CatalogEdge(String from, String to, String flow, String known) {
}
