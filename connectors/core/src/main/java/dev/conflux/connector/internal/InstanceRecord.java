package dev.conflux.connector.internal;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorInstance.Status;
import dev.conflux.connector.api.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One configuration and what became of it, immutable: a reconfiguration or a health result publishes a new record
 * (see {@link InstanceTable}).
 *
 * @param generation distinguishes this configuration of the PID from earlier ones, so that a late health result
 *     of a replaced instance is not taken for the new one's
 * @param problem why the configuration was rejected; null when it is valid
 * @param shown the user's settings with secrets masked
 * @param connector the live connector; null when the configuration was rejected
 * @param lastSuccessAt when a health check of this configuration last ended UP; null when never
 * @param checkMillis how long its last health check took; -1 when none ran
 */
record InstanceRecord(String pid, long generation, String name, String type, String source, String description,
        String problem, Map<String, String> shown, Connector connector, Health health, Instant lastSuccessAt,
        long checkMillis) {

    /** A configuration not checked yet. */
    InstanceRecord(String pid, long generation, String name, String type, String source, String description,
            String problem, Map<String, String> shown, Connector connector, Health health) {
        this(pid, generation, name, type, source, description, problem, shown, connector, health, null, -1);
    }

    InstanceRecord withHealth(Health now) {
        return withHealth(now, checkMillis);
    }

    /** After a health check that took {@code millis}. */
    InstanceRecord withHealth(Health now, long millis) {
        Instant success = now.status() == Health.Status.UP && now.checkedAt() != null ? now.checkedAt() : lastSuccessAt;
        return new InstanceRecord(pid, generation, name, type, source, description, problem, shown, connector, now,
                success, millis);
    }

    ConnectorInstance view() {
        Status status = problem != null ? Status.INVALID : Status.valueOf(health.status().name());
        return new ConnectorInstance(name, type, status, problem != null ? problem : health.reason(),
                health.checkedAt(), source, description, shown, lastSuccessAt,
                checkMillis < 0 ? null : Duration.ofMillis(checkMillis));
    }
}
