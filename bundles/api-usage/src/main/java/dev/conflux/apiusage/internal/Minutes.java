package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of the last hour in memory: the 5-minute and 1-hour windows, and what waits to be added to the hourly
 * roll-ups. Calls are counted by the minute; once written and out of the last 5 minutes, a minute is merged into
 * its 5-minute step (the 1-hour window's resolution), so an active pair holds 5 minutes and 11 steps, not 60
 * minutes. A minute is sealed when it is written: a call that arrives for it afterwards (its thread was held up past
 * the grace time) is counted in the next minute, so every call reaches the roll-ups once.
 * <p>
 * Memory is bounded: a minute counts at most {@code maxPairs} operation-consumer pairs, and all minutes and steps
 * together at most ten times that (a pair's tally is 10-17 KB); calls of further consumers are counted under
 * {@value #OTHERS} (per operation) and in {@link #overflow()}. Minutes the store never took are dropped after
 * {@value #KEEP_UNWRITTEN_MINUTES} minutes.
 */
final class Minutes {

    static final String OTHERS = "(other consumers)";
    static final long MINUTE = 60_000;
    static final long STEP = 5 * MINUTE;
    static final long GRACE_MILLIS = 2_000;
    static final int KEEP_UNWRITTEN_MINUTES = 120;

    /** One minute's tallies. */
    static final class Minute {
        final long start;
        final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
        private final LongAdder recording = new LongAdder();
        private volatile boolean sealed;
        volatile boolean written;

        Minute(long start) {
            this.start = start;
        }

        /** Counts the call here unless the minute is sealed; whether it did. */
        private boolean record(Key key, ApiCall call, Minutes owner) {
            recording.increment();
            try {
                if (sealed) {
                    return false;
                }
                Tally tally = tallies.get(key);
                if (tally == null) {
                    tally = tallies.computeIfAbsent(owner.admit(this, key), k -> {
                        owner.tallies.incrementAndGet();
                        return new Tally();
                    });
                }
                tally.record(call);
                return true;
            } finally {
                recording.decrement();
            }
        }

        /** No call is counted here after this returns: calls under way are waited for. */
        void seal() {
            sealed = true;
            while (recording.sum() != 0) {
                Thread.onSpinWait();
            }
        }
    }

    private final ConcurrentSkipListMap<Long, Minute> minutes = new ConcurrentSkipListMap<>();
    /** Written minutes older than the last 5, merged by 5-minute step (sealed, written). */
    private final ConcurrentSkipListMap<Long, Minute> steps = new ConcurrentSkipListMap<>();
    private final int maxPairs;
    private final int maxTallies;
    private final AtomicInteger tallies = new AtomicInteger();
    private final AtomicLong overflow = new AtomicLong();

    Minutes(int maxPairs) {
        this.maxPairs = maxPairs;
        this.maxTallies = 10 * maxPairs;
    }

    void record(ApiCall call, long nowMillis) {
        Key key = new Key(call.endpoint(), call.operation(), call.consumer());
        long start = nowMillis - Math.floorMod(nowMillis, MINUTE);
        while (!minutes.computeIfAbsent(start, Minute::new).record(key, call, this)) {
            start += MINUTE; // that minute is written already: count the call in the next one
        }
    }

    /** The key a new pair is counted under in a minute: itself, or its operation's {@value #OTHERS} when full. */
    private Key admit(Minute minute, Key key) {
        if (minute.tallies.size() < maxPairs && tallies.get() < maxTallies || OTHERS.equals(key.consumer())) {
            return key;
        }
        overflow.incrementAndGet();
        return new Key(key.endpoint(), key.operation(), OTHERS);
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

    /**
     * Merges the written minutes before the last 5 into their 5-minute steps, forgets the steps older than an hour,
     * and drops the unwritten minutes older than {@value #KEEP_UNWRITTEN_MINUTES} minutes (the store has refused them
     * that long); the calls so dropped.
     */
    long prune(long nowMillis) {
        long minute = nowMillis - Math.floorMod(nowMillis, MINUTE);
        long lastFive = minute + MINUTE - 5 * MINUTE;
        long dropped = 0;
        for (Minute m : new ArrayList<>(minutes.headMap(lastFive).values())) {
            long step = m.start - Math.floorMod(m.start, STEP);
            if (m.written && step + STEP <= lastFive) {
                Minute into = steps.computeIfAbsent(step, Minute::new);
                into.sealed = true;
                into.written = true;
                m.tallies.forEach((k, t) -> into.tallies.computeIfAbsent(k, x -> {
                    tallies.incrementAndGet();
                    return new Tally();
                }).add(t));
                forget(minutes, m);
            } else if (!m.written && m.start < minute - KEEP_UNWRITTEN_MINUTES * MINUTE) {
                dropped += m.tallies.values().stream().mapToLong(Tally::calls).sum();
                forget(minutes, m);
            }
        }
        long hourAgo = minute + MINUTE - 60 * MINUTE;
        for (Minute old : new ArrayList<>(steps.headMap(hourAgo - Math.floorMod(hourAgo, STEP)).values())) {
            forget(steps, old);
        }
        return dropped;
    }

    private void forget(Map<Long, Minute> from, Minute m) {
        from.remove(m.start);
        tallies.addAndGet(-m.tallies.size());
    }

    /** The minutes and 5-minute steps from {@code fromMillis} on, oldest first. */
    List<Minute> since(long fromMillis) {
        List<Minute> since = new ArrayList<>(steps.tailMap(fromMillis).values());
        since.addAll(minutes.tailMap(fromMillis).values());
        since.sort(Comparator.comparingLong(m -> m.start));
        return since;
    }

    /** Calls counted under {@value #OTHERS} because there were too many pairs already. */
    long overflow() {
        return overflow.get();
    }
}
