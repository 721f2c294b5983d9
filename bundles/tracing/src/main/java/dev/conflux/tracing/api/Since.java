package dev.conflux.tracing.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a search's time range as operators write it in the shell, the console and scripts: a period back
 * from now ({@code 30m}, {@code 2h}, {@code 7d}, ISO-8601 {@code PT2H}) or a moment ({@code 2026-12-02T10:30:00Z}).
 * Blank means no limit.
 */
public final class Since {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private Since() {
    }

    /** The instant {@code text} names, null for blank; an IllegalArgumentException saying what is expected. */
    public static Instant parse(String text, Instant now) {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            return null;
        }
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return now.minus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return v.startsWith("P") ? now.minus(Duration.parse(v)) : Instant.parse(v);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + v
                    + "' is not a time range; expected a period back from now (30m, 2h, 7d, PT2H) or a moment (2026-12-02T10:30:00Z)");
        }
    }
}
