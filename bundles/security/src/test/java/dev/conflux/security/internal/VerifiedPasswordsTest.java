package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Test;

public class VerifiedPasswordsTest {

    final FakeClock clock = new FakeClock();
    final VerifiedPasswords cache = new VerifiedPasswords(clock, Duration.ofSeconds(60));

    @Test
    public void aVerifiedPasswordIsRememberedForItsStoredHashUntilItExpires() {
        cache.remember("hash-1", "pw");
        assertTrue(cache.known("hash-1", "pw"));
        assertFalse("another password", cache.known("hash-1", "pw2"));
        assertFalse("the password changed: a new stored hash", cache.known("hash-2", "pw"));
        clock.advance(Duration.ofSeconds(61));
        assertFalse("expired", cache.known("hash-1", "pw"));
    }

    @Test
    public void forgetAllAndAZeroTimeToLiveKeepNothing() {
        cache.remember("h", "pw");
        cache.forgetAll();
        assertFalse(cache.known("h", "pw"));
        cache.ttl(Duration.ZERO);
        cache.remember("h", "pw");
        assertFalse(cache.known("h", "pw"));
        assertEquals(0, cache.size());
    }

    @Test
    public void itStaysBounded() {
        for (int i = 0; i < 5000; i++) {
            cache.remember("h" + i, "pw");
        }
        assertTrue(cache.size() <= 1024);
        assertTrue("the newest is kept", cache.known("h4999", "pw"));
    }
}
