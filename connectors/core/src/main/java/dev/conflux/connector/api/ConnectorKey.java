package dev.conflux.connector.api;

/**
 * One configuration key of a connector type: what it holds, whether it is required, its default, and a description
 * that becomes the key reference ({@code conflux:connector-types <type>}, docs/connectors.md).
 */
public record ConnectorKey(String name, Kind kind, boolean required, String defaultValue, String description) {

    /** What a value must look like. */
    public enum Kind {
        TEXT("text"),
        INTEGER("an integer"),
        PORT("a port number (1-65535)"),
        BOOLEAN("true or false"),
        /** Milliseconds; a plain number or with a unit: 500ms, 10s, 2m. */
        DURATION("a duration such as 500ms, 10s or 2m"),
        PATH("a file system path"),
        URL("an http:// or https:// URL"),
        /** Held in the configuration only in the encrypted form {@code ENC(...)} made by conflux:secret-encrypt. */
        SECRET("an encrypted value ENC(...) made with conflux:secret-encrypt");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    public static ConnectorKey required(String name, Kind kind, String description) {
        return new ConnectorKey(name, kind, true, null, description);
    }

    public static ConnectorKey optional(String name, Kind kind, String defaultValue, String description) {
        return new ConnectorKey(name, kind, false, defaultValue, description);
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }
}
