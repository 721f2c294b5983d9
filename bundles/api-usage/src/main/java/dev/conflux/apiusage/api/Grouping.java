package dev.conflux.apiusage.api;

import java.util.Locale;

/** What a usage report has a row for. */
public enum Grouping {
    /** One row per operation, all consumers together. */
    OPERATION,
    /** One row per consumer, all operations together. */
    CONSUMER,
    /** One row per operation and consumer. */
    BOTH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code operation}, {@code consumer} or {@code both}; anything else is refused. */
    public static Grouping of(String label) {
        String l = label == null ? "" : label.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(l);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown grouping '" + label + "': use operation, consumer or both");
        }
    }
}
