package dev.conflux.tracing.api;

import java.util.List;

/**
 * Told of the hops once the trace store has them (an OSGi service, e.g. the exporter to an OpenTelemetry backend).
 * Called on the trace writer's thread after each batch is stored: an implementation takes the batch and returns at
 * once (queues it, never waits on a network) and never throws; a listener that fails is logged, not retried.
 */
public interface HopListener {

    /** The batch just stored, oldest hop first (an unmodifiable list). */
    void stored(List<Hop> hops);
}
