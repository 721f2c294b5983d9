package dev.conflux.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived memory of passwords recently verified against their stored hash, so that a client sending Basic
 * credentials on every request (Jolokia scripts, the broker's connections) does not pay for PBKDF2 each time.
 * Entries are keyed by an HMAC, with a key drawn at random per process, of the stored hash and the password: no
 * password is kept, and a changed password (a new stored hash) never matches an old entry. Only successes are kept.
 */
final class VerifiedPasswords {

    private static final int MAX_ENTRIES = 1024;

    private final Clock clock;
    private final byte[] key = new byte[32];
    private volatile Duration ttl;
    private final Map<String, Instant> verified = new LinkedHashMap<>();

    VerifiedPasswords(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
        new SecureRandom().nextBytes(key);
    }

    void ttl(Duration ttl) {
        this.ttl = ttl;
        if (ttl.isZero()) {
            forgetAll();
        }
    }

    /** Whether this password was verified against this stored hash within the time to live. */
    synchronized boolean known(String stored, String password) {
        if (ttl.isZero()) {
            return false;
        }
        String k = mac(stored, password);
        Instant until = verified.get(k);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(clock.instant())) {
            verified.remove(k);
            return false;
        }
        return true;
    }

    synchronized void remember(String stored, String password) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(until -> !until.isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.remove(verified.keySet().iterator().next()); // the oldest
            }
        }
        verified.put(mac(stored, password), now.plus(ttl));
    }

    /** Drops everything (an account was locked, or the settings changed). */
    synchronized void forgetAll() {
        verified.clear();
    }

    synchronized int size() {
        return verified.size();
    }

    private String mac(String stored, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(stored.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required", e);
        }
    }
}
