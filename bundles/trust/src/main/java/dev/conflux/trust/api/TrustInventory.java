package dev.conflux.trust.api;

/**
 * The security architect's central view of access, certificates and endpoints, read from the running container:
 * its configurations (Config Admin, system properties), the broker's acceptors, the keystores those name, the
 * service plane's endpoint policies and API keys, the connectors' secrets and the login lockouts. One service behind
 * {@code conflux:trust}, the {@code conflux:type=trust} MBean and the console's Trust page.
 *
 * <p>It never holds a secret: no password, key or secret value, only whether a secret is encrypted.
 */
public interface TrustInventory {

    /** Everything, read now. A source that is not installed or cannot be read leaves its section empty and a note. */
    TrustReport report();
}
