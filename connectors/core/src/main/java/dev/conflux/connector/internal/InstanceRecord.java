package dev.conflux.connector.internal;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorInstance.Status;
import dev.conflux.connector.api.Health;
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
 */
record InstanceRecord(String pid, long generation, String name, String type, String source, String description,
        String problem, Map<String, String> shown, Connector connector, Health health) {

    InstanceRecord withHealth(Health now) {
        return new InstanceRecord(pid, generation, name, type, source, description, problem, shown, connector, now);
    }

    ConnectorInstance view() {
        Status status = problem != null ? Status.INVALID : Status.valueOf(health.status().name());
        return new ConnectorInstance(name, type, status, problem != null ? problem : health.reason(),
                health.checkedAt(), source, description, shown);
    }
}
