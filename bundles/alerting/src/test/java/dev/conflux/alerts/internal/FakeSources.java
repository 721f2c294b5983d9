package dev.conflux.alerts.internal;

import java.util.ArrayList;
import java.util.List;

/** Sources whose readings the test sets; a source can be made to fail. */
final class FakeSources implements Sources {

    final List<Queue> queues = new ArrayList<>();
    final List<DeadLetters> deadLetters = new ArrayList<>();
    final List<Flow> flows = new ArrayList<>();
    final List<Histogram> flowLatencies = new ArrayList<>();
    final List<Histogram> endpointLatencies = new ArrayList<>();
    final List<Connector> connectors = new ArrayList<>();
    final List<Certificate> certificates = new ArrayList<>();
    RuntimeException queuesFail;

    @Override
    public List<Queue> queues() {
        if (queuesFail != null) {
            throw queuesFail;
        }
        return queues;
    }

    @Override
    public List<DeadLetters> deadLetters() {
        return deadLetters;
    }

    @Override
    public List<Flow> flows() {
        return flows;
    }

    @Override
    public List<Histogram> flowLatencies() {
        return flowLatencies;
    }

    @Override
    public List<Histogram> endpointLatencies() {
        return endpointLatencies;
    }

    @Override
    public List<Connector> connectors() {
        return connectors;
    }

    @Override
    public List<Certificate> certificates() {
        return certificates;
    }

    void queue(String name, long depth, long oldestAgeMillis) {
        queues.removeIf(q -> q.name().equals(name));
        queues.add(new Queue(name, depth, oldestAgeMillis));
    }

    void deadLetters(String queue, long count, long added) {
        deadLetters.removeIf(d -> d.originalQueue().equals(queue));
        deadLetters.add(new DeadLetters(queue, "DLQ." + queue, count, added));
    }

    void flow(String name, String state, long total, long failed) {
        flows.removeIf(f -> f.name().equals(name));
        flows.add(new Flow(name, state, total, failed));
    }
}
