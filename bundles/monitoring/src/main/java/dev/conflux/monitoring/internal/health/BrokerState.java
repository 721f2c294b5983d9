package dev.conflux.monitoring.internal.health;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the health checks need of the embedded broker, read when asked.
 *
 * @param running   whether the broker is there and started
 * @param acceptors each acceptor by name: whether it is started (accepting connections)
 * @param journal   the journal directory, null when unknown
 */
record BrokerState(boolean running, Map<String, Boolean> acceptors, Path journal) {

    BrokerState {
        acceptors = Map.copyOf(acceptors);
    }

    static BrokerState absent(Path journal) {
        return new BrokerState(false, Map.of(), journal);
    }
}
