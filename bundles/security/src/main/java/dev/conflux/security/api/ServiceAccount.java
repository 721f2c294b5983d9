package dev.conflux.security.api;

/**
 * The container's internal service account: the identity Conflux's own bundles use to reach the
 * embedded broker. Its password is generated at every start, kept in memory only and stored hashed
 * in {@code etc/users.properties}; it has broker access and nothing else (no console, SSH or JMX).
 */
public interface ServiceAccount {

    String username();

    String password();
}
