package dev.conflux.security.internal;

import dev.conflux.security.api.LoginGuard.Lockout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The brute-force bookkeeping behind {@link dev.conflux.security.api.LoginGuard}: failed logins counted per account
 * and per client address within a window; a subject that reaches its threshold is locked for a period. Thread-safe;
 * time comes from the clock it is given (a fake one in tests).
 */
final class Lockouts {

    /** What a failed login led to: nothing, or a new lock of the account and/or the address. */
    record Outcome(Lockout account, Lockout address) {
    }

    /** The settings, validated by {@link SecuritySettings}. A threshold of 0 turns that kind of lock off. */
    record Policy(int accountFailures, int addressFailures, Duration window, Duration lockDuration) {
    }

    private static final String ADDRESS = "address:";

    private final Clock clock;
    private volatile Policy policy;
    private final Map<String, Failures> bySubject = new HashMap<>();

    Lockouts(Clock clock, Policy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    void policy(Policy policy) {
        this.policy = policy;
    }

    Policy policy() {
        return policy;
    }

    /** When the account or the address may try again; null when both may try now. */
    synchronized Instant lockedUntil(String account, String address) {
        Instant now = clock.instant();
        Instant until = until(key(account), now);
        Instant byAddress = address == null ? null : until(ADDRESS + address, now);
        if (until == null || (byAddress != null && byAddress.isAfter(until))) {
            return byAddress;
        }
        return until;
    }

    /** Counts a wrong password; returns the locks it set (null fields when none). */
    synchronized Outcome failed(String account, String address) {
        Instant now = clock.instant();
        Policy p = policy;
        Lockout a = count(key(account), account, p.accountFailures(), now, p);
        Lockout b = address == null ? null : count(ADDRESS + address, address, p.addressFailures(), now, p);
        return new Outcome(a, b);
    }

    /** A good password clears the account's failures (not the address's: others may be guessing from there). */
    synchronized void succeeded(String account) {
        Failures f = bySubject.get(key(account));
        if (f != null && f.lockedUntil == null) {
            bySubject.remove(key(account));
        }
    }

    /** Lifts a lock of an account, or of an address given as {@code address:<ip>} or the bare address. */
    synchronized boolean unlock(String subject) {
        Instant now = clock.instant();
        for (String k : List.of(key(subject), ADDRESS + subject, subject)) {
            Failures f = bySubject.get(k);
            if (f != null && f.lockedUntil != null && f.lockedUntil.isAfter(now)) {
                bySubject.remove(k);
                return true;
            }
        }
        bySubject.remove(key(subject));
        return false;
    }

    synchronized List<Lockout> current() {
        Instant now = clock.instant();
        List<Lockout> locks = new ArrayList<>();
        bySubject.values().removeIf(f -> f.expired(now, policy));
        for (Failures f : bySubject.values()) {
            if (f.lockedUntil != null) {
                locks.add(new Lockout(f.subject, f.count, f.lockedAt, f.lockedUntil));
            }
        }
        locks.sort(Comparator.comparing(Lockout::since));
        return locks;
    }

    private Instant until(String key, Instant now) {
        Failures f = bySubject.get(key);
        if (f == null || f.lockedUntil == null) {
            return null;
        }
        if (!f.lockedUntil.isAfter(now)) {
            bySubject.remove(key); // the lock ran out: a fresh start
            return null;
        }
        return f.lockedUntil;
    }

    private Lockout count(String key, String subject, int threshold, Instant now, Policy p) {
        if (threshold <= 0) {
            return null;
        }
        Failures f = bySubject.get(key);
        if (f == null || f.expired(now, p)) {
            f = new Failures(subject, now);
            bySubject.put(key, f);
        }
        if (f.lockedUntil != null) {
            return null; // already locked: refused before the password was checked, so nothing to count
        }
        f.count++;
        if (f.count < threshold) {
            return null;
        }
        f.lockedAt = now;
        f.lockedUntil = now.plus(p.lockDuration());
        return new Lockout(subject, f.count, f.lockedAt, f.lockedUntil);
    }

    private static String key(String account) {
        return "account:" + account;
    }

    private static final class Failures {
        final String subject;
        final Instant first;
        int count;
        Instant lockedAt;
        Instant lockedUntil;

        Failures(String subject, Instant first) {
            this.subject = subject;
            this.first = first;
        }

        boolean expired(Instant now, Policy p) {
            return lockedUntil != null ? !lockedUntil.isAfter(now) : !first.plus(p.window()).isAfter(now);
        }
    }
}
