package dev.conflux.runtime.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The one way Conflux prints an elapsed time to operators, in the shell and the console alike: 3d4h, 2h05m,
 * 4m12s, 9s; "-" for a moment that never happened.
 */
public final class Durations {

    private Durations() {
    }

    /** Compact elapsed time since {@code start} (uptime, age); "-" if null. */
    public static String since(Instant start) {
        return start == null ? "-" : format(Duration.between(start, Instant.now()));
    }

    /** Elapsed time since {@code at} with " ago" ("4m12s ago"); "-" if null. */
    public static String ago(Instant at) {
        return at == null ? "-" : since(at) + " ago";
    }

    /** A duration as 3d4h, 2h05m, 4m12s or 9s; negative durations (clock skew) read as 0s. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "0s";
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + String.format("%02dm", d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }
}
