package dev.conflux.benchmarks;

import dev.conflux.tracing.api.Hop;
import java.util.List;

/** What TRACE_SEARCH and TRACE_STORE write hops into and search: the product's trace store ({@link ProductTraceStore}). */
interface HopStore extends AutoCloseable {

    /** Which store and how it is reached, for the results' notes. */
    String describe();

    /** One batch, as the recorder's writer stores it (one transaction). */
    void write(List<Hop> batch) throws Exception;

    /** What {@code conflux:trace KEY} asks: the newest trace matching a key, trace id or message id; its hop count. */
    int find(String keyOrId) throws Exception;
}
