package dev.conflux.tracing.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times in a timeline: a hop's clock time and the milliseconds between hops. Gaps between hops are mostly below a
 * second, so unlike the runtime's Durations (whole seconds, and a bundle this one must not depend on: the runtime
 * depends on tracing) they keep milliseconds: {@code 350ms}, {@code 4.2s}, {@code 4m12s}, {@code 2h05m}.
 */
final class Elapsed {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Elapsed() {
    }

    /** {@code 10:32:05.120} in the container's time zone. */
    static String clock(Instant t) {
        return t == null ? "-" : CLOCK.format(t.atZone(ZoneId.systemDefault()));
    }

    /** {@code 2026-12-02 10:32:05} in the container's time zone. */
    static String dayClock(Instant t) {
        return t == null ? "-" : DAY_CLOCK.format(t.atZone(ZoneId.systemDefault()));
    }

    /** {@code 350ms}, {@code 4.2s}, {@code 4m12s}, {@code 2h05m}, {@code 3d4h}; "" when unknown (negative). */
    static String millis(long ms) {
        if (ms < 0) {
            return "";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + "m" + String.format("%02ds", s % 60);
        }
        if (s < 86_400) {
            return s / 3600 + "h" + String.format("%02dm", s % 3600 / 60);
        }
        return s / 86_400 + "d" + s % 86_400 / 3600 + "h";
    }
}
