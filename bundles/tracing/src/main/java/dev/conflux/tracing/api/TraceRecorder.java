package dev.conflux.tracing.api;

/**
 * Where the runtime, the broker and operator actions report hops (an OSGi service). Recording never blocks and
 * never throws: events go into a bounded buffer that is written to the store in batches; when the buffer is full
 * the event is dropped and counted (metric {@code conflux_trace_events_dropped_total} and a log line) — never the
 * message.
 */
public interface TraceRecorder {

    /** Queues the hop for storage; false when it was dropped because the buffer is full or tracing is off. */
    boolean record(Hop hop);

    /** False when tracing is switched off ({@code enabled = false} in etc/conflux.tracing.cfg): callers may skip work. */
    boolean enabled();
}
