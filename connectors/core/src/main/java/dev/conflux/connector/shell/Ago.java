package dev.conflux.connector.shell;

import java.time.Duration;
import java.time.Instant;

/** "12s ago", "4m ago", "-" for never. */
final class Ago {

    private Ago() {
    }

    static String of(Instant at) {
        if (at == null) {
            return "-";
        }
        Duration d = Duration.between(at, Instant.now());
        if (d.toHours() > 0) {
            return d.toHours() + "h ago";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m ago";
        }
        return Math.max(0, d.toSeconds()) + "s ago";
    }
}
