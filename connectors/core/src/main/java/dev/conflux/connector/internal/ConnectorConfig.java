package dev.conflux.connector.internal;

import java.util.Map;

/**
 * One factory configuration {@code conflux.connector.<type>}, as read from Config Admin.
 *
 * @param name the instance name: key {@code name}, else from the file name, else from the PID
 * @param source the cfg file, or "configuration PID"
 * @param values the user's keys only (no framework keys), as written
 */
record ConnectorConfig(String pid, String type, String name, String source, Map<String, String> values) {

    ConnectorConfig {
        values = Map.copyOf(values);
    }
}
