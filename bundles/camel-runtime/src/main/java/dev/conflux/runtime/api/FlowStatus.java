package dev.conflux.runtime.api;

import java.time.Instant;

/**
 * A snapshot of one flow.
 *
 * @param name        the flow's name (file name without extension, or the bundle's {@value Flows#FLOW_NAME})
 * @param source      where it comes from: {@code file:/…/flows/orders.yaml} or {@code bundle:<symbolic name>/<version>}
 * @param revision    the revision running (or last tried), 0 if none was ever accepted
 * @param state       STARTED, STOPPED or FAILED
 * @param startedAt   when the running revision started, null if not running
 * @param exchangesTotal    exchanges completed or failed since the revision started
 * @param exchangesFailed   exchanges that failed
 * @param exchangesInflight exchanges being processed now
 * @param meanProcessingMillis mean processing time of completed exchanges
 * @param maxProcessingMillis  longest processing time seen
 * @param lastError   the last deployment or start error (with file, line and column where known), null if none
 * @param lastErrorAt when it happened
 * @param lastSuccessAt when the running revision last completed an exchange without failure, null if never
 */
public record FlowStatus(String name, String source, int revision, FlowState state, Instant startedAt,
        long exchangesTotal, long exchangesFailed, long exchangesInflight, long meanProcessingMillis,
        long maxProcessingMillis, String lastError, Instant lastErrorAt, Instant lastSuccessAt) {

    /** Without the last success, for callers written before it existed. */
    public FlowStatus(String name, String source, int revision, FlowState state, Instant startedAt,
            long exchangesTotal, long exchangesFailed, long exchangesInflight, long meanProcessingMillis,
            long maxProcessingMillis, String lastError, Instant lastErrorAt) {
        this(name, source, revision, state, startedAt, exchangesTotal, exchangesFailed, exchangesInflight,
                meanProcessingMillis, maxProcessingMillis, lastError, lastErrorAt, null);
    }
}
