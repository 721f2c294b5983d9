package dev.conflux.tracing.jmx;

/**
 * Message tracing for scripts and the console's Trace page, as {@code conflux:type=traces}. Results are JSON
 * strings whose keys are the field names of the api records ({@code TraceSummary}, {@code Trace}, {@code Hop},
 * {@code Position}, {@code TraceStats}); times are ISO-8601. Who may call it is in etc/jmx.acl.conflux.traces.cfg.
 */
public interface TracesMBean {

    /**
     * Traces, newest first, as a JSON array of summaries.
     *
     * @param text       a business key, trace id or JMS message id (exact), or blank for any
     * @param flow       only traces through this flow, or blank
     * @param since      a period back from now (30m, 2h, 7d, PT2H) or a moment (ISO-8601), or blank
     * @param failedOnly only traces with a failure
     * @param limit      at most this many (0: 50, at most 1000)
     */
    String search(String text, String flow, String since, boolean failedOnly, int limit);

    /** The newest trace whose business key, trace id or JMS message id is {@code keyOrId}, as JSON; {@code null} if none. */
    String trace(String keyOrId);

    /** The trace store and its buffer, as JSON. */
    String getStats();
}
