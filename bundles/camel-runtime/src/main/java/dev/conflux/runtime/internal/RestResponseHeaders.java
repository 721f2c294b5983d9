package dev.conflux.runtime.internal;

import java.util.List;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * The headers a flow's REST response leaves out besides Camel's own: the runtime's per-exchange headers, which are
 * for what the flow sends on, not for the caller. {@code traceparent} is the flow's own span (W3C Trace Context
 * defines it as a request header; a caller finds the trace by its business key or the trace id it sent), and in
 * every response it was 67 of B3's 140 bytes, written by the server and parsed by the client;
 * {@code ConfluxBusinessKey} and {@code ConfluxConsumer} are the runtime's. Calls a flow makes to outside services
 * (the http and cxf components) still carry the {@code traceparent}: this applies to the servlet component only.
 */
final class RestResponseHeaders extends HttpHeaderFilterStrategy {

    RestResponseHeaders() {
        // compared in lower case, as HttpHeaderFilterStrategy sets it
        getOutFilter().addAll(List.of("traceparent", "confluxbusinesskey", "confluxconsumer"));
    }
}
