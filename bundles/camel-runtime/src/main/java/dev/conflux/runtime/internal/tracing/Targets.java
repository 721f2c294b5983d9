package dev.conflux.runtime.internal.tracing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsEndpoint;

/**
 * What an endpoint is to a trace, worked out once per endpoint: a queue of the broker ({@code jms:}: SENT), a step
 * inside the flow ({@code direct:}, {@code seda:}, {@code log:}, ...: no hop), or an external system (anything else:
 * http, sql, sftp, mail, cxf, file, connector instances: CALLED). Its readable form never holds credentials or
 * query options: scheme and host/path ({@code file:inbox}, {@code partner-a:orders}, {@code sftp:host:22/in}).
 */
final class Targets {

    enum Kind { QUEUE, INTERNAL, EXTERNAL }

    record Target(Kind kind, String text) {
    }

    /** Components that work inside the flow: sending to them is a step, not a hop. */
    private static final Set<String> INTERNAL = Set.of("direct", "seda", "vm", "disruptor", "disruptor-vm", "log",
            "bean", "class", "mock", "stub", "language", "kamelet", "ref", "controlbus", "dataformat", "validator",
            "xslt", "xslt-saxon", "xj", "xquery", "browse", "timer", "scheduler", "micrometer", "dataset",
            "dataset-test", "json-validator", "json-patch", "jslt", "jolt", "velocity", "freemarker", "mustache",
            "string-template", "chunk", "stream");
    private static final int MAX = 200;

    private final Map<Endpoint, Target> known = new ConcurrentHashMap<>();

    Target of(Endpoint endpoint) {
        Target t = known.get(endpoint);
        if (t == null) {
            t = classify(endpoint);
            if (known.size() < 10_000) { // endpoints with dynamic URIs (toD) are not kept forever
                known.put(endpoint, t);
            }
        }
        return t;
    }

    static Target classify(Endpoint endpoint) {
        String uri = endpoint.getEndpointBaseUri();
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        if (endpoint instanceof JmsEndpoint jms && "jms".equals(scheme)) {
            return new Target(Kind.QUEUE, jms.isPubSubDomain() ? "topic:" + jms.getDestinationName()
                    : jms.getDestinationName());
        }
        return new Target(INTERNAL.contains(scheme) ? Kind.INTERNAL : Kind.EXTERNAL, readable(uri));
    }

    /** {@code scheme:host/path}: no {@code //}, no {@code user:password@}, no query. */
    static String readable(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return cut(uri);
        }
        String rest = uri.substring(colon + 1);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
            if (at >= 0) {
                rest = rest.substring(at + 1);
            }
        }
        return cut(uri.substring(0, colon + 1) + rest);
    }

    /**
     * Where a message came in: {@code POST /api/orders} for a request on the service plane, else the consumer's
     * endpoint ({@code file:inbox}, {@code timer:tick}).
     */
    static String received(Exchange exchange, Message in, Targets targets) {
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (method != null && uri != null) {
            int scheme = uri.indexOf("://");
            if (scheme >= 0) {
                int path = uri.indexOf('/', scheme + 3);
                uri = path < 0 ? "/" : uri.substring(path);
            }
            int query = uri.indexOf('?');
            return method + " " + cut(query < 0 ? uri : uri.substring(0, query));
        }
        Endpoint from = exchange.getFromEndpoint();
        return from == null ? null : targets.of(from).text();
    }

    private static String cut(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX - 1) + "…";
    }
}
