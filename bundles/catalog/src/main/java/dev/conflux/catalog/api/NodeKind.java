package dev.conflux.catalog.api;

import java.util.Locale;

/** What a node of the catalog is. */
public enum NodeKind {
    /** A deployed flow. */
    FLOW,
    /** A published operation: a REST DSL operation or a SOAP service on the service plane. */
    API,
    /** A queue of the embedded broker. */
    QUEUE,
    /** A topic of the embedded broker. */
    TOPIC,
    /** Another inbound or outbound interface: a directory polled or written, a timer, a component's endpoint. */
    ENDPOINT,
    /** A connector instance ({@code etc/conflux.connector.<type>-<name>.cfg}). */
    CONNECTOR,
    /** A system outside Conflux: a host or URL, a database, a mail server, a remote broker, a shared directory. */
    SYSTEM;

    /** As the shell and the MBean name it: {@code flow}, {@code api}, {@code queue}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
