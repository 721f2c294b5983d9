package dev.conflux.flowmanagement;

import java.time.Duration;
import java.time.Instant;

/** Uptime the way operators read it: 3d4h, 2h05m, 4m12s, 9s. */
public final class Durations {

    private Durations() {
    }

    public static String since(Instant start) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, Instant.now());
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
