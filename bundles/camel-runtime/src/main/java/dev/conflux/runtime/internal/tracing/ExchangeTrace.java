package dev.conflux.runtime.internal.tracing;

import dev.conflux.tracing.api.Hop;
import java.time.Instant;

/**
 * The trace of one exchange through a flow, kept as an exchange property from the exchange's creation: its span,
 * its business key, and its entry hop (RECEIVED / CONSUMED / REDELIVERED), which is recorded with the first hop
 * after it so that a key the flow sets at its start ({@code setHeader ConfluxBusinessKey}) is on it too. Copies
 * of the exchange inside the flow (seda, split) share it: they belong to the same trace and make no hops of their
 * own beyond calls and sends.
 */
final class ExchangeTrace {

    static final String PROPERTY = "conflux.trace";

    final String traceId;
    final String spanId;
    final String parentSpanId;
    /** The exchange the flow's consumer created: only it records COMPLETED. */
    final String owner;
    final long startNanos;
    final int attempt;
    final String messageId;
    private volatile String businessKey;
    /** When the latest send or call began, for the time of its hop (null: not known). */
    private volatile Instant sending;
    private Hop.Builder entry;

    ExchangeTrace(String traceId, String spanId, String parentSpanId, String owner, String businessKey,
            Hop.Builder entry, int attempt, String messageId) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
        this.owner = owner;
        this.businessKey = businessKey;
        this.entry = entry;
        this.attempt = attempt;
        this.messageId = messageId;
        this.startNanos = System.nanoTime();
    }

    String businessKey() {
        return businessKey;
    }

    void businessKey(String key) {
        businessKey = key;
    }

    Instant sending() {
        return sending;
    }

    void sending(Instant at) {
        sending = at;
    }

    /** The entry hop, once: null after the first call. */
    synchronized Hop.Builder takeEntry() {
        Hop.Builder e = entry;
        entry = null;
        return e;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
