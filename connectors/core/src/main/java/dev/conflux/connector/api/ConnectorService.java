package dev.conflux.connector.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connector instances for operators: what the {@code conflux:connector-*} commands and the
 * {@code conflux:type=connectors} MBean use. Reads return snapshots and never wait for a reconfiguration or a
 * health check in progress. Errors are {@link IllegalArgumentException}s with a message for the operator.
 */
public interface ConnectorService {

    /** Every instance, INVALID ones included, by name. */
    List<ConnectorInstance> list();

    Optional<ConnectorInstance> get(String name);

    /** The instance, or an IllegalArgumentException that lists the instances there are. */
    ConnectorInstance require(String name);

    /** Runs the instance's health check now, on the caller's behalf, and returns the instance afterwards. */
    ConnectorInstance check(String name);

    /** The installed connector types, by type name. */
    List<ConnectorType> types();

    /** Every key an instance of the type may have (the keys all instances have first). */
    List<ConnectorKey> keysOf(String type);

    /**
     * Writes {@code etc/conflux.connector.<type>-<name>.cfg} (secret values encrypted), as an operator dropping the
     * file would; the instance appears once Config Admin has it. Refuses what would be rejected anyway.
     *
     * @return the file written
     */
    Path create(String type, String name, Map<String, String> values) throws IOException;

    /** Deletes the instance's configuration (its cfg file, when it has one); returns what was deleted. */
    String delete(String name) throws IOException;

    /** The {@code ENC(...)} form of a secret, for a cfg file. */
    String encrypt(String clear);

    /**
     * The clear text of a value in the {@code ENC(...)} form, for a bundle that keeps a secret in its own
     * configuration the way connector instances do (e.g. an alert channel's webhook password); an
     * IllegalArgumentException says why it cannot be decrypted (truncated, or encrypted with another installation's
     * key), never the value.
     */
    String decrypt(String encrypted);

    /**
     * Every secret setting of every configured instance (INVALID ones included), by instance and key: the keys its
     * type declares secret, values in the {@code ENC(...)} form, and for an unknown type keys named like a password,
     * secret or token. Never the values.
     */
    List<ConnectorSecret> secrets();
}
