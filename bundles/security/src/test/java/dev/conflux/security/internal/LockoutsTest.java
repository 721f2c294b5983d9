package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.security.api.LoginGuard.Lockout;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class LockoutsTest {

    final FakeClock clock = new FakeClock();
    final Lockouts lockouts = new Lockouts(clock,
            new Lockouts.Policy(5, 8, Duration.ofMinutes(15), Duration.ofMinutes(15)));

    @Test
    public void theFifthFailureLocksTheAccountForTheLockPeriod() {
        for (int i = 1; i <= 4; i++) {
            assertNull(lockouts.failed("bob", "10.0.0.1").account());
            assertNull("not locked after " + i, lockouts.lockedUntil("bob", "10.0.0.1"));
        }
        Lockout lock = lockouts.failed("bob", "10.0.0.1").account();
        assertNotNull(lock);
        assertEquals("bob", lock.subject());
        assertEquals(5, lock.failures());
        Instant until = clock.instant().plus(Duration.ofMinutes(15));
        assertEquals(until, lock.until());
        assertEquals(until, lockouts.lockedUntil("bob", null));
        assertEquals("from any address", until, lockouts.lockedUntil("bob", "10.9.9.9"));
        assertNull("another account is not affected", lockouts.lockedUntil("alice", null));

        clock.advance(Duration.ofMinutes(14));
        assertEquals(until, lockouts.lockedUntil("bob", null));
        clock.advance(Duration.ofMinutes(1));
        assertNull("the lock ran out", lockouts.lockedUntil("bob", null));
        assertNull("a fresh start: one failure does not lock again", lockouts.failed("bob", null).account());
    }

    @Test
    public void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            lockouts.failed("bob", null);
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            assertNull(lockouts.failed("bob", null).account());
        }
        assertNull(lockouts.lockedUntil("bob", null));
    }

    @Test
    public void aSuccessfulLoginClearsTheAccountsFailuresButNotALock() {
        for (int i = 0; i < 4; i++) {
            lockouts.failed("bob", null);
        }
        lockouts.succeeded("bob");
        for (int i = 0; i < 4; i++) {
            assertNull(lockouts.failed("bob", null).account());
        }
        assertNotNull(lockouts.failed("bob", null).account());
        lockouts.succeeded("bob");
        assertNotNull("still locked", lockouts.lockedUntil("bob", null));
    }

    @Test
    public void anAddressIsLockedAfterItsOwnThresholdWhateverTheAccounts() {
        for (int i = 0; i < 7; i++) {
            assertNull(lockouts.failed("user" + i, "10.0.0.7").address());
        }
        Lockout lock = lockouts.failed("user7", "10.0.0.7").address();
        assertNotNull(lock);
        assertEquals("10.0.0.7", lock.subject());
        assertNotNull("any account from there", lockouts.lockedUntil("carol", "10.0.0.7"));
        assertNull("carol from elsewhere", lockouts.lockedUntil("carol", "10.0.0.8"));
        assertEquals(1, lockouts.current().size());
        assertTrue(lockouts.unlock("10.0.0.7"));
        assertNull(lockouts.lockedUntil("carol", "10.0.0.7"));
    }

    @Test
    public void unlockLiftsTheLockAtOnceAndListsIt() {
        for (int i = 0; i < 5; i++) {
            lockouts.failed("bob", null);
        }
        assertEquals(1, lockouts.current().size());
        assertEquals("bob", lockouts.current().get(0).subject());
        assertTrue(lockouts.unlock("bob"));
        assertNull(lockouts.lockedUntil("bob", null));
        assertEquals(0, lockouts.current().size());
        assertFalse("not locked any more", lockouts.unlock("bob"));
        assertNull("counting starts again", lockouts.failed("bob", null).account());
    }

    @Test
    public void aThresholdOfZeroNeverLocks() {
        lockouts.policy(new Lockouts.Policy(0, 0, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        for (int i = 0; i < 100; i++) {
            Lockouts.Outcome o = lockouts.failed("bob", "10.0.0.1");
            assertNull(o.account());
            assertNull(o.address());
        }
        assertNull(lockouts.lockedUntil("bob", "10.0.0.1"));
    }
}
