package dev.conflux.trust.internal;

import java.util.List;
import java.util.Map;

/** The running broker's acceptors, as its own management reports them. */
public interface Acceptors {

    /** Every acceptor; empty when no broker runs. */
    List<Acceptor> list();

    /** Whether the broker authenticates its clients (Artemis security-enabled); null when no broker runs. */
    Boolean securityEnabled();

    /**
     * One acceptor.
     *
     * @param parameters its URL parameters (host, port, protocols, sslEnabled, keyStorePath...), passwords masked
     */
    record Acceptor(String name, Map<String, Object> parameters, boolean started) {
    }
}
