package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.Window;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * Where calls are counted and read back: by the minute in memory ({@link Minutes}), added to the hourly roll-ups
 * ({@link HourlyTable}) once a minute is over. A window is read as slices (a minute's or an hour's tally of one key)
 * from memory (5m, 1h) or from the roll-ups plus the minutes not yet written (1d, 30d); a reader never sees a minute
 * twice or not at all while it is being written.
 */
final class UsageLedger {

    /** One key's tally over a minute or an hour from {@code start}. */
    record Slice(long start, Key key, Tally tally) {
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
        String consumer = call.consumer() == null || call.consumer().isBlank() ? "unknown" : call.consumer();
        if (consumer.length() > MAX_CONSUMER) {
            consumer = consumer.substring(0, MAX_CONSUMER);
        }
        minutes.record(consumer.equals(call.consumer()) ? call : new ApiCall(call.endpoint(), call.operation(), consumer,
                call.status(), call.nanos(), call.bytesIn(), call.bytesOut()), clock.getAsLong());
    }

    /**
     * Adds the minutes that are over (all with {@code all}, when stopping) to the roll-ups; the number of minutes
     * written. When the store fails, they stay in memory and the next write tries again.
     */
    int write(boolean all) throws SQLException {
        long now = clock.getAsLong();
        writing.writeLock().lock();
        try {
            List<Minutes.Minute> due = minutes.unwritten(now, all);
            if (!due.isEmpty()) {
                Map<Long, Map<Key, Tally>> byHour = new HashMap<>();
                for (Minutes.Minute m : due) {
                    Map<Key, Tally> hour = byHour.computeIfAbsent(Hours.hourOf(m.start), h -> new HashMap<>());
                    m.tallies.forEach((k, t) -> hour.computeIfAbsent(k, x -> new Tally()).add(t));
                }
                table.add(byHour);
                due.forEach(m -> m.written = true);
            }
            minutes.prune(now);
            return due.size();
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

    /** Where the window starts: minutes (5m, 1h) or hours (1d, 30d) back from now's, now's included. */
    long from(Window w) {
        long now = clock.getAsLong();
        long unit = w.inMemory() ? Minutes.MINUTE : Hours.HOUR;
        return now - Math.floorMod(now, unit) + unit - w.length().toMillis();
    }

    /** The slices of a window, oldest first. */
    List<Slice> slices(Window w) throws SQLException {
        long from = from(w);
        List<Slice> slices = new ArrayList<>();
        if (w.inMemory()) {
            for (Minutes.Minute m : minutes.since(from)) {
                m.tallies.forEach((k, t) -> slices.add(new Slice(m.start, k, t.copy())));
            }
            return slices;
        }
        writing.readLock().lock();
        try {
            for (HourlyTable.Row r : table.since(from)) {
                slices.add(new Slice(r.hour(), r.key(), r.tally()));
            }
            for (Minutes.Minute m : minutes.since(from)) {
                if (!m.written) {
                    m.tallies.forEach((k, t) -> slices.add(new Slice(m.start, k, t.copy())));
                }
            }
        } finally {
            writing.readLock().unlock();
        }
        return slices;
    }
}
