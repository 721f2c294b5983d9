package dev.conflux.security.api;

import java.time.Instant;
import java.util.List;

/**
 * Brute-force protection shared by every way into Conflux (console, Jolokia, SSH, JMX, broker, service plane).
 * A login front end asks {@link #lockedUntil} before it checks a password, and reports the outcome afterwards.
 */
public interface LoginGuard {

    /**
     * When the account, or the client address, may try again; null when it may try now. A locked attempt must be
     * refused without checking the password.
     *
     * @param clientAddress the caller's address, or null when the channel does not tell
     */
    Instant lockedUntil(String account, String clientAddress);

    /** A wrong password (or key) for the account. {@code channel} says where: console, ssh, jmx, broker, services. */
    void failed(String account, String clientAddress, String channel);

    /** A successful login: clears the account's failure count. */
    void succeeded(String account, String clientAddress, String channel);

    /** Lifts the lock of an account; false when it was not locked. */
    boolean unlock(String account);

    /** The accounts and addresses locked now. */
    List<Lockout> lockouts();

    /** A lock in force. {@code subject} is an account name or a client address. */
    record Lockout(String subject, int failures, Instant since, Instant until) {
    }
}
