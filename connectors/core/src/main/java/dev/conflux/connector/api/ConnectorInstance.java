package dev.conflux.connector.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One connector instance as operators see it (shell, JMX): a snapshot taken when asked for, never updated in
 * place. Secret settings are masked.
 *
 * @param reason why it is DOWN or INVALID (each offending key and what is expected), or what UP reached
 * @param checkedAt when the last health check ended; null when never
 * @param source the cfg file it comes from, or "configuration PID" for one made otherwise
 * @param lastSuccessAt when the last health check that ended UP ended; null when none did (since it was configured)
 * @param checkDuration how long the last health check took; null when none ran
 */
public record ConnectorInstance(String name, String type, Status status, String reason, Instant checkedAt,
        String source, String description, Map<String, String> settings, Instant lastSuccessAt,
        Duration checkDuration) {

    /** Without health check timings, for callers written before they existed. */
    public ConnectorInstance(String name, String type, Status status, String reason, Instant checkedAt,
            String source, String description, Map<String, String> settings) {
        this(name, type, status, reason, checkedAt, source, description, settings, null, null);
    }

    public enum Status {
        /** The last health check reached the system and could use it. */
        UP,
        /** The last health check failed. */
        DOWN,
        /** Not checked yet. */
        UNKNOWN,
        /** The configuration was rejected; nothing runs for it. */
        INVALID
    }

    public ConnectorInstance {
        settings = Map.copyOf(settings);
    }
}
