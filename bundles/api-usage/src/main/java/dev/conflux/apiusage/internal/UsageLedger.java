package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.Window;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where calls are counted and read back: by the minute in memory ({@link Minutes}), added to the hourly roll-ups
 * ({@link HourlyTable}) once a minute is over. A window is read as slices (a minute's or an hour's tally of one key),
 * streamed to the reader: from memory (5m, 1h) or from the roll-ups plus the minutes not yet written (1d, 30d). A
 * reader never sees a minute twice or not at all while it is being written.
 */
final class UsageLedger {

    /** One key's tally over a minute or an hour from {@code start}. */
    record Slice(long start, Key key, Tally tally) {
    }

    /** A window's slices, handed to a visitor one at a time. */
    interface Slices {
        void each(Consumer<Slice> visitor) throws SQLException;
    }

    static final int MAX_CONSUMER = 300;

    private final Minutes minutes;
    private final HourlyTable table;
    private final LongSupplier clock;
    private final ReadWriteLock writing = new ReentrantReadWriteLock();

    UsageLedger(Minutes minutes, HourlyTable table, LongSupplier clock) {
        this.minutes = minutes;
        this.table = table;
        this.clock = clock;
    }

    void record(ApiCall call) {
        String consumer = consumer(call.consumer());
        minutes.record(consumer.equals(call.consumer()) ? call : new ApiCall(call.endpoint(), call.operation(),
                consumer, call.status(), call.nanos(), call.bytesIn(), call.bytesOut()), clock.getAsLong());
    }

    /** A consumer name as it is kept: printable (no control characters, which PostgreSQL may refuse), bounded. */
    static String consumer(String name) {
        if (name == null || name.isBlank()) {
            return "unknown";
        }
        String printable = name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                ? name.replaceAll("\\p{Cntrl}", "?") : name;
        return printable.length() > MAX_CONSUMER ? printable.substring(0, MAX_CONSUMER) : printable;
    }

    /**
     * What a write did: minutes written, calls dropped from minutes the store refused too long, and why the store
     * refused this time (null when it took them).
     */
    record Written(int minutes, long dropped, SQLException failure) {
    }

    /**
     * Adds the minutes that are over (all with {@code all}, when stopping) to the roll-ups. Each is sealed first, so
     * no call lands in it while it is copied. When the store fails, they stay in memory and the next write tries
     * again (for {@value Minutes#KEEP_UNWRITTEN_MINUTES} minutes).
     */
    Written write(boolean all) {
        long now = clock.getAsLong();
        writing.writeLock().lock();
        try {
            List<Minutes.Minute> due = minutes.unwritten(now, all);
            SQLException failed = null;
            if (!due.isEmpty()) {
                Map<Long, Map<Key, Tally>> byHour = new HashMap<>();
                for (Minutes.Minute m : due) {
                    m.seal();
                    Map<Key, Tally> hour = byHour.computeIfAbsent(Hours.hourOf(m.start), h -> new HashMap<>());
                    m.tallies.forEach((k, t) -> hour.computeIfAbsent(k, x -> new Tally()).add(t));
                }
                try {
                    table.add(byHour);
                    due.forEach(m -> m.written = true);
                } catch (SQLException e) {
                    failed = e;
                }
            }
            long dropped = minutes.prune(now);
            return new Written(failed == null ? due.size() : 0, dropped, failed);
        } finally {
            writing.writeLock().unlock();
        }
    }

    /** Deletes the roll-ups of hours older than {@code months} months (of 31 days); rows deleted. */
    int enforceRetention(int months) throws SQLException {
        return table.deleteBefore(Hours.hourOf(clock.getAsLong()) - months * 31L * 24 * Hours.HOUR);
    }

    long oldestHour() throws SQLException {
        return table.oldest();
    }

    long overflow() {
        return minutes.overflow();
    }

    /**
     * Where the window starts: whole minutes (5m), 5-minute steps (1h) or hours (1d, 30d) back from now's, now's
     * included.
     */
    long from(Window w) {
        long now = clock.getAsLong();
        long unit = UsageReports.resolution(w);
        return now - Math.floorMod(now, unit) + unit - w.length().toMillis();
    }

    /** The slices of a window that starts at {@code from} (as {@link #from} gave it), streamed. */
    Slices slices(Window w, long from) {
        return visitor -> {
            if (w.inMemory()) {
                for (Minutes.Minute m : minutes.since(from)) {
                    m.tallies.forEach((k, t) -> visitor.accept(new Slice(m.start, k, t)));
                }
                return;
            }
            writing.readLock().lock();
            try {
                table.since(from, r -> visitor.accept(new Slice(r.hour(), r.key(), r.tally())));
                for (Minutes.Minute m : minutes.since(from)) {
                    if (!m.written) {
                        m.tallies.forEach((k, t) -> visitor.accept(new Slice(m.start, k, t)));
                    }
                }
            } finally {
                writing.readLock().unlock();
            }
        };
    }

    /**
     * The consumers with an accepted call (1xx-3xx) of an API (an operation, or every operation of an endpoint) over
     * the window: who is known to use it. Calls lumped under {@value Minutes#OTHERS} name no one.
     */
    Set<String> consumers(Window w, String api) throws SQLException {
        long from = from(w);
        Set<String> known;
        writing.readLock().lock();
        try {
            known = w.inMemory() ? new TreeSet<>() : table.consumers(from, api);
            for (Minutes.Minute m : minutes.since(from)) {
                if (w.inMemory() || !m.written) {
                    m.tallies.forEach((k, t) -> {
                        if ((api.equals(k.operation()) || api.equals(k.endpoint())) && t.ok() > 0) {
                            known.add(k.consumer());
                        }
                    });
                }
            }
        } finally {
            writing.readLock().unlock();
        }
        known.remove(Minutes.OTHERS);
        return known;
    }
}
