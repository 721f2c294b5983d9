package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of the last hour, counted by the minute in memory: the 5-minute and 1-hour windows, and what waits to be
 * added to the hourly roll-ups. A minute is written once it is over; it is forgotten once written and an hour old.
 * A minute counts at most {@code maxKeys} operation-consumer pairs; calls of further consumers are counted under
 * {@value #OTHERS} (and reported), so a flood of client addresses cannot exhaust memory.
 */
final class Minutes {

    static final String OTHERS = "(other consumers)";
    static final long MINUTE = 60_000;
    static final long GRACE_MILLIS = 2_000;

    /** One minute's tallies. */
    static final class Minute {
        final long start;
        final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
        volatile boolean written;

        Minute(long start) {
            this.start = start;
        }
    }

    private final ConcurrentSkipListMap<Long, Minute> minutes = new ConcurrentSkipListMap<>();
    private final int maxKeys;
    private final AtomicLong overflow = new AtomicLong();

    Minutes(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    void record(ApiCall call, long nowMillis) {
        long start = nowMillis - Math.floorMod(nowMillis, MINUTE);
        Minute minute = minutes.computeIfAbsent(start, Minute::new);
        Key key = new Key(call.endpoint(), call.operation(), call.consumer());
        Tally tally = minute.tallies.get(key);
        if (tally == null) {
            if (minute.tallies.size() >= maxKeys) {
                overflow.incrementAndGet();
                key = new Key(call.endpoint(), call.operation(), OTHERS);
            }
            tally = minute.tallies.computeIfAbsent(key, k -> new Tally());
        }
        tally.record(call);
    }

    /**
     * Minutes that are over (all of them with {@code all}) and not yet written, oldest first. A minute is over
     * {@value #GRACE_MILLIS} ms after its end, so a call that finished on its last millisecond is in it.
     */
    List<Minute> unwritten(long nowMillis, boolean all) {
        List<Minute> due = new ArrayList<>();
        for (Minute m : minutes.values()) {
            if (!m.written && (all || m.start + MINUTE + GRACE_MILLIS <= nowMillis)) {
                due.add(m);
            }
        }
        return due;
    }

    /** Forgets the written minutes older than an hour. */
    void prune(long nowMillis) {
        long keepFrom = nowMillis - Math.floorMod(nowMillis, MINUTE) - 60 * MINUTE;
        minutes.headMap(keepFrom).values().removeIf(m -> m.written);
    }

    /** The minutes from {@code fromMillis} on, oldest first. */
    List<Minute> since(long fromMillis) {
        return new ArrayList<>(minutes.tailMap(fromMillis).values());
    }

    /** Calls counted under {@value #OTHERS} because a minute had too many pairs already. */
    long overflow() {
        return overflow.get();
    }
}
