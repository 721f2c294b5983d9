package dev.conflux.tracing.api;

import java.util.List;
import java.util.Optional;

/**
 * Message tracing (an OSGi service): find a message by business key, trace id or JMS message id and see every hop
 * it took and where it is now. The shell ({@code conflux:trace}), the MBean {@code conflux:type=traces} and the
 * console's Trace page are front ends over this.
 */
public interface TraceService {

    /**
     * The filter of the {@code javax.sql.DataSource} service that is the trace store's database (embedded H2 or
     * PostgreSQL, as {@code etc/conflux.tracing.cfg} says), for other records kept beside the traces.
     */
    String SHARED_STORE = "(conflux.store=tracing)";

    /** Traces matching the query, newest first. */
    List<TraceSummary> search(TraceQuery query);

    /** One trace by its id, with every hop. */
    Optional<Trace> trace(String traceId);

    /**
     * The newest trace whose business key, trace id or message id is {@code keyOrId} (what {@code conflux:trace A-1}
     * shows).
     */
    Optional<Trace> find(String keyOrId);

    /** The store and buffer. */
    TraceStats stats();
}
