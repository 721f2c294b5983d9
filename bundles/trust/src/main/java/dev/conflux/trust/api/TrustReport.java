package dev.conflux.trust.api;

import java.time.Instant;
import java.util.List;

/**
 * One reading of the trust inventory.
 *
 * @param notes what could not be listed and why (a source not installed, a keystore that cannot be opened...)
 */
public record TrustReport(Instant takenAt, List<Listener> listeners, List<Endpoint> endpoints,
        List<Certificate> certificates, List<ApiKey> apiKeys, List<Secret> secrets, List<Lockout> lockouts,
        List<String> notes) {

    /** Certificates expiring within this many days are flagged. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    public TrustReport {
        listeners = List.copyOf(listeners);
        endpoints = List.copyOf(endpoints);
        certificates = List.copyOf(certificates);
        apiKeys = List.copyOf(apiKeys);
        secrets = List.copyOf(secrets);
        lockouts = List.copyOf(lockouts);
        notes = List.copyOf(notes);
    }

    /**
     * A port the container listens on.
     *
     * @param name           what it serves, e.g. {@code management HTTP}, {@code broker acceptor amqp}
     * @param protocol       e.g. {@code HTTP}, {@code HTTPS}, {@code AMQP}, {@code SSH}, {@code JMX/RMI}
     * @param address        the bind address; {@code 0.0.0.0} for every interface
     * @param authentication who is let in and how
     * @param keystore       the keystore its TLS certificate comes from; null without TLS
     */
    public record Listener(String name, String protocol, String address, int port, boolean tls,
            String authentication, String keystore) {
    }

    /** A service-plane endpoint and its authentication policy ({@code none, basic, apikey, jwt, mtls}). */
    public record Endpoint(String endpoint, String policy, String source, int rateLimit) {
    }

    /**
     * A certificate in a keystore or truststore a listener uses, or, with {@code problem} set and no certificate
     * fields, a store that could not be read.
     *
     * @param store    the store's file
     * @param kind     {@code keystore} or {@code truststore}
     * @param daysLeft whole days until {@code notAfter}; negative once expired
     * @param usedBy   the listeners that use the store, joined by {@code ", "}
     */
    public record Certificate(String store, String kind, String alias, String subject, String issuer,
            Instant notAfter, long daysLeft, String usedBy, String problem) {

        /** Expired, or expiring within {@link #EXPIRY_WARNING_DAYS} days. */
        public boolean expiresSoon() {
            return problem == null && daysLeft < EXPIRY_WARNING_DAYS;
        }
    }

    /** An API key issued to a service consumer (never the key). {@code expires} and {@code lastUsed} may be null. */
    public record ApiKey(String id, String consumer, Instant created, Instant expires, Instant lastUsed,
            boolean revoked) {
    }

    /** A connector instance's secret setting: encrypted ({@code ENC(...)}) or in clear text. Never the value. */
    public record Secret(String connector, String type, String key, boolean encrypted, String source) {
    }

    /** A login lock in force: an account or a client address. */
    public record Lockout(String subject, int failures, Instant since, Instant until) {
    }
}
