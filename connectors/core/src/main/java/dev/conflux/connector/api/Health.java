package dev.conflux.connector.api;

import java.time.Instant;

/** The outcome of one health check. */
public record Health(Status status, String reason, Instant checkedAt) {

    public enum Status {
        /** The last check reached the system and could use it. */
        UP,
        /** The last check failed; {@link Health#reason()} says why. */
        DOWN,
        /** Not checked yet. */
        UNKNOWN
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail, Instant.now());
    }

    public static Health down(String reason) {
        return new Health(Status.DOWN, reason, Instant.now());
    }

    public static Health unknown() {
        return new Health(Status.UNKNOWN, "not checked yet", null);
    }
}
