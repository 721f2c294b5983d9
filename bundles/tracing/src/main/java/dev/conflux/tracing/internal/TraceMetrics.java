package dev.conflux.tracing.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The tracing meters (exported by the Prometheus registry as {@code conflux_trace_events_recorded_total},
 * {@code conflux_trace_events_dropped_total}, {@code conflux_trace_buffer_events}, {@code conflux_trace_store_events}).
 */
final class TraceMetrics implements AutoCloseable {

    static final String RECORDED = "conflux.trace.events.recorded";
    static final String DROPPED = "conflux.trace.events.dropped";
    static final String BUFFERED = "conflux.trace.buffer.events";
    static final String STORED = "conflux.trace.store.events";

    private final MeterRegistry registry;
    private final List<Meter> meters;

    /**
     * @param recorded hop events written to the store
     * @param dropped  hop events dropped (buffer full, or the store refused them)
     * @param buffered events waiting in the buffer now
     * @param stored   events in the store (as of the last write or retention check)
     */
    TraceMetrics(MeterRegistry registry, AtomicLong recorded, AtomicLong dropped, Supplier<Number> buffered,
            AtomicLong stored) {
        this.registry = registry;
        this.meters = List.of(
                FunctionCounter.builder(RECORDED, recorded, AtomicLong::get)
                        .description("Trace hop events written to the trace store").register(registry),
                FunctionCounter.builder(DROPPED, dropped, AtomicLong::get)
                        .description("Trace hop events dropped: the buffer was full or the store refused them")
                        .register(registry),
                Gauge.builder(BUFFERED, buffered).description("Trace hop events waiting to be written")
                        .register(registry),
                Gauge.builder(STORED, stored, AtomicLong::get).description("Trace hop events in the trace store")
                        .register(registry));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
