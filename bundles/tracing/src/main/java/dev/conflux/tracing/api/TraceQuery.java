package dev.conflux.tracing.api;

import java.time.Instant;

/**
 * A search for traces; null fields do not restrict. {@code text} matches a business key, a trace id or a JMS
 * message id exactly (what a support person pastes); the other fields narrow it down.
 */
public record TraceQuery(String text, String businessKey, String traceId, String messageId, String flow, Instant from,
        Instant to, boolean failedOnly, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public TraceQuery {
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    /** Traces whose business key, trace id or message id is {@code text}. */
    public static TraceQuery of(String text) {
        return new TraceQuery(text, null, null, null, null, null, null, false, DEFAULT_LIMIT);
    }
}
