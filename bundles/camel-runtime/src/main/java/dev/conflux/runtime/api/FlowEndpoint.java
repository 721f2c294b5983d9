package dev.conflux.runtime.api;

import java.util.Locale;
import java.util.Optional;

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

    /**
     * The name the service plane publishes an endpoint under, as API usage counts it and the catalog shows it: a REST
     * DSL operation {@code rest:post:/orders/{id}} under {@code /api} is {@code POST /api/orders/{id}}; a SOAP service
     * {@code cxf:/orders} under {@code /services} is {@code /services/orders}; anything else (a {@code cxf:} client to
     * a URL, a queue, …) is published by no one here: empty.
     */
    public static Optional<String> publishedAs(String uri, String restPath, String soapPath) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1).replaceFirst("^//", "");
        String path = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (scheme.equals("rest")) {
            int c = path.indexOf(':');
            String method = c < 0 ? "GET" : path.substring(0, c).toUpperCase(Locale.ROOT);
            return Optional.of(method + " " + (restPath + "/" + (c < 0 ? path : path.substring(c + 1)))
                    .replaceAll("/+", "/"));
        }
        if (scheme.equals("cxf") && !path.startsWith("http:") && !path.startsWith("https:")
                && !path.startsWith("bean:")) {
            return Optional.of((soapPath + "/" + path).replaceAll("/+", "/"));
        }
        return Optional.empty();
    }
}
