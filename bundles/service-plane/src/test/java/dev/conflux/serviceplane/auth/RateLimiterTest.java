package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class RateLimiterTest {

    private long nanos = 1_000_000_000L;

    @Test
    public void aBurstOfRateIsAllowedThenOnePerIntervalPerKey() {
        RateLimiter limiter = new RateLimiter(() -> nanos);
        assertEquals(0, limiter.acquire("p\nshop", 2));
        assertEquals(0, limiter.acquire("p\nshop", 2));
        assertEquals(1, limiter.acquire("p\nshop", 2));
        assertEquals(0, limiter.acquire("p\nother", 2)); // another consumer has its own bucket
        nanos += 500_000_000L;
        assertEquals(0, limiter.acquire("p\nshop", 2));
        assertEquals(1, limiter.acquire("p\nshop", 2));
        assertEquals(0, limiter.acquire("p\nshop", 0)); // 0: no limit
    }

    @Test
    public void retryAfterCoversTheWaitForASlowRate() {
        RateLimiter limiter = new RateLimiter(() -> nanos);
        // 1 per second: after the first, the next token is a second away.
        assertEquals(0, limiter.acquire("k", 1));
        assertEquals(1, limiter.acquire("k", 1));
        nanos += 999_000_000L;
        assertEquals(1, limiter.acquire("k", 1));
        nanos += 1_000_000L;
        assertEquals(0, limiter.acquire("k", 1));
        limiter.clear();
        assertEquals(0, limiter.acquire("k", 1));
    }
}
