package dev.conflux.monitoring.internal.health;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the health checks need of the embedded broker, read when asked.
 *
 * @param running   whether the broker is there and started
 * @param acceptors each acceptor by name: whether it is started (accepting connections)
 * @param journal   the journal directory, null when unknown
 * @param pair      where the broker stands in a cluster's broker pair (docs/cluster.md)
 */
record BrokerState(boolean running, Map<String, Boolean> acceptors, Path journal, Pair pair) {

    /** The broker's place in a cluster. */
    enum Pair {
        /** Alone, or the active broker of the pair: it must accept connections. */
        ACTIVE,
        /** The passive broker of the pair, its replica in sync with the active one: flows use the active broker. */
        PASSIVE_IN_SYNC,
        /** The passive broker of the pair, still copying the active one's journal. */
        PASSIVE_SYNCING,
        /** A client-only node of a cluster: no broker here, flows use the pair. */
        NONE
    }

    BrokerState {
        acceptors = Map.copyOf(acceptors);
    }

    BrokerState(boolean running, Map<String, Boolean> acceptors, Path journal) {
        this(running, acceptors, journal, Pair.ACTIVE);
    }

    static BrokerState absent(Path journal) {
        return new BrokerState(false, Map.of(), journal);
    }

    static BrokerState clientOnly() {
        return new BrokerState(false, Map.of(), null, Pair.NONE);
    }
}
