package dev.conflux.monitoring.internal.metrics;

/** Gauges over one kind of thing; {@link #refresh()} adds and removes meters as things come and go. */
public interface GaugeSet extends AutoCloseable {

    void refresh();

    /** Removes every meter it registered. */
    @Override
    void close();
}
