package dev.conflux.runtime.api;

/**
 * One endpoint a flow consumes from or sends to, as its routes say (or as it was seen while the flow ran).
 *
 * @param direction IN for what the flow consumes (a route's {@code from}, a REST DSL operation), OUT for what it
 *                  sends to ({@code to}, {@code wireTap}, {@code enrich}, {@code toD}, …)
 * @param uri       the endpoint URI with placeholders resolved and secrets masked; for a REST DSL operation
 *                  {@code rest:<method>:<path>}; for a DYNAMIC target the expression as written
 * @param origin    how it is known
 * @param route     the id of the route it belongs to
 * @param detail    what else the route says about it: a REST operation's request type and media types, a route's
 *                  description; empty when nothing
 */
public record FlowEndpoint(Direction direction, String uri, Origin origin, String route, String detail) {

    public enum Direction { IN, OUT }

    public enum Origin {
        /** Written in the flow as a fixed URI. */
        STATIC,
        /** Computed per message ({@code toD}, {@code recipientList}, {@code routingSlip}, {@code enrich} with an expression). */
        DYNAMIC,
        /** A target of a DYNAMIC endpoint, seen while the flow ran (kept until the flow's revision changes). */
        LEARNED
    }

    public FlowEndpoint {
        detail = detail == null ? "" : detail;
    }
}
