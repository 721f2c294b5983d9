package dev.conflux.serviceplane.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per consumer, as token buckets: a bucket holds up to {@code rate} tokens (one second's
 * burst) and refills at {@code rate} tokens a second; a request takes one.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token from the bucket of {@code key} (e.g. policy and consumer) refilled at {@code rate} a second.
     *
     * @return 0 when the request may go on, else how many whole seconds until a token is there (at least 1)
     */
    public long acquire(String key, int rate) {
        if (rate <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(rate, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(rate, bucket.tokens + (now - bucket.at) * (double) rate / SECOND);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double wait = (1 - bucket.tokens) / rate;
            return Math.max(1, (long) Math.ceil(wait));
        }
    }

    /** Forgets every bucket (the policies changed). */
    public void clear() {
        buckets.clear();
    }
}
