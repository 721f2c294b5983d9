package dev.conflux.apiusage.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The periods usage is reported over. The last 5 minutes (whole minutes) and the last hour (twelve 5-minute steps)
 * are kept in memory (a restart starts them afresh); the last day and the last 30 days are read from the hourly
 * roll-ups, whole hours (the current one included), which survive restarts.
 */
public enum Window {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1)),
    THIRTY_DAYS("30d", Duration.ofDays(30));

    private final String label;
    private final Duration length;

    Window(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** Whether it is counted by the minute in memory (else from the hourly roll-ups). */
    public boolean inMemory() {
        return length.compareTo(Duration.ofHours(1)) <= 0;
    }

    /** {@code 5m}, {@code 1h}, {@code 1d} or {@code 30d}; anything else is refused, naming the valid ones. */
    public static Window of(String label) {
        String l = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (Window w : values()) {
            if (w.label.equals(l)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown window '" + label + "': use one of "
                + Arrays.stream(values()).map(Window::label).collect(Collectors.joining(", ")));
    }
}
