package dev.conflux.serviceplane.api;

import java.time.Instant;

/** An issued API key, without its secret. {@code expires} and {@code lastUsed} may be null. */
public record ApiKeyInfo(String id, String consumer, Instant created, Instant expires, Instant lastUsed,
        boolean revoked) {
}
