package dev.conflux.connector.api;

import org.apache.camel.Component;

/**
 * A configured connection to one outside system, used by flows under the instance's name. Created by its
 * {@link ConnectorType}; closed when its configuration changes or is deleted.
 */
public interface Connector extends AutoCloseable {

    /**
     * A new Camel component for one flow, already configured for this instance (host, credentials, timeouts): a
     * flow writes {@code <instance>:<path>?<options>}, never a host or a password.
     */
    Component createComponent();

    /**
     * Connects to the outside system and reports whether it is usable, with a precise reason when not (host
     * unreachable, authentication failed, TLS or host key rejected, directory missing…). Called periodically
     * and by {@code conflux:connector-check}, never on a flow's thread; must respect the instance's timeouts.
     */
    Health check();

    @Override
    default void close() {
    }
}
