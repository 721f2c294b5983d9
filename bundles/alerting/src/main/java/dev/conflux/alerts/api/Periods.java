package dev.conflux.alerts.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them in rule files and commands: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT5M}). */
public final class Periods {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private Periods() {
    }

    /** The duration, or an IllegalArgumentException saying what is expected. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is not a duration; expected e.g. 30s, 5m, 2h, 1d or PT5M");
        }
    }

    /** Like {@link #parse} but refuses zero and negative durations. */
    public static Duration positive(String value) {
        Duration d = parse(value);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + value.trim() + "' is not a positive duration");
        }
        return d;
    }
}
