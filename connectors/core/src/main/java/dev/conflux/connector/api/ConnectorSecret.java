package dev.conflux.connector.api;

/**
 * One secret setting of a connector instance, without its value: whether the configuration holds it encrypted
 * ({@code ENC(...)} from conflux:secret-encrypt) or in clear text. For the trust inventory.
 *
 * @param source the cfg file the instance comes from (or its configuration PID)
 */
public record ConnectorSecret(String instance, String type, String key, boolean encrypted, String source) {
}
