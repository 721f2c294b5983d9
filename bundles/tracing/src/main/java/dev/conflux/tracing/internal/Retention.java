package dev.conflux.tracing.internal;

import dev.conflux.tracing.internal.store.JdbcTraceStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the store within {@code retention.days} and {@code retention.maxEvents}: deletes the oldest events in
 * chunks (each its own short transaction, so the writer is never held up for long).
 */
final class Retention {

    static final int CHUNK = 10_000;

    private final JdbcTraceStore store;
    private final Clock clock;
    private final int chunk;

    /** @param chunk how many hops one delete statement removes at most (about) */
    Retention(JdbcTraceStore store, Clock clock, int chunk) {
        this.store = store;
        this.clock = clock;
        this.chunk = chunk;
    }

    /** One check: the number of events deleted for age and for count, and the number left. */
    record Result(long byAge, long byCount, long left) {
    }

    /**
     * Counts the hops once (a sum over the blocks' rows) and subtracts what it deletes, instead of counting after every
     * chunk: at the limit a busy node deletes thousands of blocks a minute, and a count per chunk cost seconds of CPU.
     */
    Result run(int days, long maxEvents) throws SQLException {
        long count = store.count();
        long byAge = 0;
        int n;
        do {
            n = store.deleteOlderThan(clock.instant().minus(Duration.ofDays(days)), chunk);
            byAge += n;
        } while (n >= chunk);
        count = Math.max(0, count - byAge);
        long byCount = 0;
        while (count > maxEvents) {
            n = store.deleteOldest((int) Math.min(chunk, count - maxEvents));
            if (n == 0) {
                break;
            }
            byCount += n;
            count -= n;
        }
        return new Result(byAge, byCount, count);
    }
}
