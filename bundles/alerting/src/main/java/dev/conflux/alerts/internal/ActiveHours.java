package dev.conflux.alerts.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a silence rule applies: {@code Mon-Fri 08:00-18:00}, {@code Sat,Sun 10:00-14:00}, {@code 08:00-18:00} (every
 * day) or {@code always}. A time range whose end is before its start runs over midnight ({@code 22:00-06:00}); the
 * days name the day it starts on.
 */
public record ActiveHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public static final ActiveHours ALWAYS = new ActiveHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN,
            LocalTime.MIN);
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Parses the form above; IllegalArgumentException saying what is expected. */
    public static ActiveHours parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        String[] parts = v.split("\\s+");
        if (parts.length > 2) {
            throw expected(v);
        }
        Set<DayOfWeek> days = parts.length == 2 ? days(parts[0], v) : EnumSet.allOf(DayOfWeek.class);
        String[] times = parts[parts.length - 1].split("-");
        if (times.length != 2) {
            throw expected(v);
        }
        try {
            LocalTime from = LocalTime.parse(times[0]);
            LocalTime to = times[1].equals("24:00") ? LocalTime.MIN : LocalTime.parse(times[1]);
            return new ActiveHours(days, from, to);
        } catch (DateTimeParseException e) {
            throw expected(v);
        }
    }

    private static Set<DayOfWeek> days(String spec, String whole) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            if (range.length > 2) {
                throw expected(whole);
            }
            int first = day(range[0], whole);
            int last = range.length == 2 ? day(range[1], whole) : first;
            for (int d = first; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(String name, String whole) {
        int i = DAY_NAMES.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw expected(whole);
        }
        return i;
    }

    private static IllegalArgumentException expected(String v) {
        return new IllegalArgumentException("'" + v + "' is not a time window; expected e.g. 'Mon-Fri 08:00-18:00',"
                + " '08:00-18:00' or 'always'");
    }

    /** Whether the moment falls into the window. */
    public boolean contains(ZonedDateTime at) {
        LocalTime t = at.toLocalTime();
        if (from.equals(to)) {
            return days.contains(at.getDayOfWeek());
        }
        if (from.isBefore(to) || to.equals(LocalTime.MIN)) {
            return days.contains(at.getDayOfWeek()) && !t.isBefore(from) && (to.equals(LocalTime.MIN) || t.isBefore(to));
        }
        // over midnight: the evening part belongs to today, the morning part to the day before
        return t.isBefore(to) ? days.contains(at.getDayOfWeek().minus(1)) : !t.isBefore(from)
                && days.contains(at.getDayOfWeek());
    }

    /** When the window containing {@code at} opened (for a moment inside it). */
    public ZonedDateTime openedAt(ZonedDateTime at) {
        if (from.equals(to)) {
            return at.toLocalDate().atStartOfDay(at.getZone());
        }
        ZonedDateTime today = at.with(from).withSecond(0).withNano(0);
        return today.isAfter(at) ? today.minusDays(1) : today;
    }
}
