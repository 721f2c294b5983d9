package dev.conflux.connector.api;

/** A connector configuration that cannot be used: says which key and what is expected. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending key, or null when the problem is not one key's. */
    public String key() {
        return key;
    }
}
