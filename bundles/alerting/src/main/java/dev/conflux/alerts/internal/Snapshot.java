package dev.conflux.alerts.internal;

import java.util.List;
import java.util.function.Supplier;

/** One evaluation's reading of the sources: each is read at most once, when a rule first needs it. */
final class Snapshot {

    private final Sources sources;
    private List<Sources.Queue> queues;
    private List<Sources.DeadLetters> deadLetters;
    private List<Sources.Flow> flows;
    private List<Sources.Histogram> flowLatencies;
    private List<Sources.Histogram> endpointLatencies;
    private List<Sources.Connector> connectors;
    private List<Sources.Certificate> certificates;

    Snapshot(Sources sources) {
        this.sources = sources;
    }

    List<Sources.Queue> queues() {
        return queues = read(queues, sources::queues);
    }

    List<Sources.DeadLetters> deadLetters() {
        return deadLetters = read(deadLetters, sources::deadLetters);
    }

    List<Sources.Flow> flows() {
        return flows = read(flows, sources::flows);
    }

    List<Sources.Histogram> flowLatencies() {
        return flowLatencies = read(flowLatencies, sources::flowLatencies);
    }

    List<Sources.Histogram> endpointLatencies() {
        return endpointLatencies = read(endpointLatencies, sources::endpointLatencies);
    }

    List<Sources.Connector> connectors() {
        return connectors = read(connectors, sources::connectors);
    }

    List<Sources.Certificate> certificates() {
        return certificates = read(certificates, sources::certificates);
    }

    private static <T> List<T> read(List<T> cached, Supplier<List<T>> source) {
        return cached != null ? cached : List.copyOf(source.get());
    }
}
