package dev.conflux.runtime.internal;

import java.util.List;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * The headers a flow's REST response leaves out besides Camel's own.
 * <ul>
 * <li>The runtime's per-exchange headers, which are for what the flow sends on, not for the caller.
 * {@code traceparent} is the flow's own span (W3C Trace Context defines it as a request header; a caller finds the
 * trace by its business key or the trace id it sent), and in every response it was 67 of B3's 140 bytes, written by
 * the server and parsed by the client; {@code ConfluxBusinessKey} and {@code ConfluxConsumer} are the runtime's.</li>
 * <li>The request's own header fields (RFC 9110: credentials, content negotiation, conditions, the client's and
 * proxies' identification). Camel copies every request header into the message and, by default, every message
 * header into the response, so each response carried the caller's {@code Authorization} and {@code Cookie} back,
 * where caches and logs along the way could keep them, and made both sides write and parse them on every call (B3).
 * A header the flow sets itself, or any other the request had, is still sent.</li>
 * </ul>
 * Calls a flow makes to outside services (the http and cxf components) still carry the {@code traceparent}: this
 * applies to the servlet component only.
 */
final class RestResponseHeaders extends HttpHeaderFilterStrategy {

    /** Header fields only a request has; compared in lower case, as HttpHeaderFilterStrategy does. */
    static final List<String> REQUEST_FIELDS = List.of("authorization", "proxy-authorization", "cookie", "user-agent",
            "accept", "accept-charset", "accept-encoding", "accept-language", "host", "origin", "referer", "expect",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range", "range", "te",
            "max-forwards", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "upgrade-insecure-requests", "dnt");

    RestResponseHeaders() {
        getOutFilter().addAll(List.of("traceparent", "confluxbusinesskey", "confluxconsumer"));
        getOutFilter().addAll(REQUEST_FIELDS);
    }
}
