package dev.conflux.connector.api;

import java.time.Instant;
import java.util.Map;

/**
 * One connector instance as operators see it (shell, JMX): a snapshot taken when asked for, never updated in
 * place. Secret settings are masked.
 *
 * @param reason why it is DOWN or INVALID (each offending key and what is expected), or what UP reached
 * @param checkedAt when the last health check ended; null when never
 * @param source the cfg file it comes from, or "configuration PID" for one made otherwise
 */
public record ConnectorInstance(String name, String type, Status status, String reason, Instant checkedAt,
        String source, String description, Map<String, String> settings) {

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
