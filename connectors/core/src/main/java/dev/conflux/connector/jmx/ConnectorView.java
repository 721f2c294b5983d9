package dev.conflux.connector.jmx;

import dev.conflux.connector.api.ConnectorInstance;
import java.beans.ConstructorProperties;
import java.util.Map;

/** One connector instance as JMX shows it (an MXBean composite). */
public class ConnectorView {

    private final String name;
    private final String type;
    private final String status;
    private final String reason;
    private final String checkedAt;
    private final String source;
    private final Map<String, String> settings;

    @ConstructorProperties({"name", "type", "status", "reason", "checkedAt", "source", "settings"})
    public ConnectorView(String name, String type, String status, String reason, String checkedAt, String source,
            Map<String, String> settings) {
        this.name = name;
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.checkedAt = checkedAt;
        this.source = source;
        this.settings = settings;
    }

    static ConnectorView of(ConnectorInstance v) {
        return new ConnectorView(v.name(), v.type(), v.status().name(), v.reason(),
                v.checkedAt() == null ? null : v.checkedAt().toString(), v.source(), v.settings());
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    /** UP, DOWN, UNKNOWN (not checked yet) or INVALID (configuration rejected; reason says why). */
    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public String getCheckedAt() {
        return checkedAt;
    }

    public String getSource() {
        return source;
    }

    /** The configured keys; secret values are shown as ********. */
    public Map<String, String> getSettings() {
        return settings;
    }
}
