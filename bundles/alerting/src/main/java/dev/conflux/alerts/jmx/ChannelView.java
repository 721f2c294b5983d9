package dev.conflux.alerts.jmx;

import dev.conflux.alerts.api.AlertChannel;
import java.beans.ConstructorProperties;

/** One channel, field for field as {@link AlertChannel}. */
public class ChannelView {
    private final String name;
    private final String type;
    private final String target;
    private final String status;
    private final String problem;
    private final String source;
    private final String lastError;
    private final String lastSentAt;

    @ConstructorProperties({"name", "type", "target", "status", "problem", "source", "lastError", "lastSentAt"})
    public ChannelView(String name, String type, String target, String status, String problem, String source,
            String lastError, String lastSentAt) {
        this.name = name;
        this.type = type;
        this.target = target;
        this.status = status;
        this.problem = problem;
        this.source = source;
        this.lastError = lastError;
        this.lastSentAt = lastSentAt;
    }

    static ChannelView of(AlertChannel c) {
        return new ChannelView(c.name(), c.type(), c.target(), c.status().name(), c.problem(), c.source(),
                c.lastError(), AlertView.time(c.lastSentAt()));
    }

    public String getName() { return name; }
    public String getType() { return type; }
    public String getTarget() { return target; }
    public String getStatus() { return status; }
    public String getProblem() { return problem; }
    public String getSource() { return source; }
    public String getLastError() { return lastError; }
    public String getLastSentAt() { return lastSentAt; }
}
