package dev.conflux.alerts.internal;

import java.time.Instant;
import java.util.List;

/**
 * What rules read, as cheap snapshots taken once per evaluation. The container's implementation reads the queue,
 * dead-letter, flow, connector and trust services and the Prometheus meter registry; tests use fakes. A source
 * that is not installed returns nothing (its rules then see no targets).
 */
public interface Sources {

    /** An application queue (dead-letter queues are not listed here). {@code oldestAgeMillis} is -1 when empty. */
    record Queue(String name, long depth, long oldestAgeMillis) {
    }

    /** The dead-letter queue of one original queue: how many are in it, how many arrived since the broker started. */
    record DeadLetters(String originalQueue, String deadLetterQueue, long count, long added) {
    }

    /** A flow: its state (STARTED, STOPPED, FAILED) and its counters since its revision started. */
    record Flow(String name, String state, long total, long failed) {
    }

    /**
     * A latency histogram (a flow's processing time over all its routes, or an endpoint's requests): cumulative
     * counts per bucket, {@code bounds} in seconds, ascending; {@code errors} counts 5xx responses (endpoints).
     */
    record Histogram(String name, double[] bounds, long[] counts, long total, long errors) {
    }

    /** A connector instance: UP, DOWN, UNKNOWN or INVALID, and why (the last health check's reason). */
    record Connector(String name, String status, String reason) {
    }

    /** A certificate of a keystore or truststore the container uses. */
    record Certificate(String store, String alias, String subject, Instant notAfter, String usedBy) {
    }

    List<Queue> queues();

    List<DeadLetters> deadLetters();

    List<Flow> flows();

    /** Per flow, from {@code conflux.flow.processing}. */
    List<Histogram> flowLatencies();

    /** Per endpoint path, from {@code conflux.endpoint.requests}. */
    List<Histogram> endpointLatencies();

    List<Connector> connectors();

    List<Certificate> certificates();
}
