package dev.conflux.alerts.jmx;

import dev.conflux.alerts.api.AlertRule;
import java.beans.ConstructorProperties;
import java.util.Map;
import java.util.stream.Collectors;

/** One rule, field for field as {@link AlertRule}; settings as "key=value, …", channels as an array. */
public class RuleView {
    private final String name;
    private final String kind;
    private final String target;
    private final String status;
    private final String problem;
    private final String source;
    private final String severity;
    private final String[] channels;
    private final String settings;
    private final String silencedUntil;
    private final String silenceReason;
    private final String silencedBy;

    @ConstructorProperties({"name", "kind", "target", "status", "problem", "source", "severity", "channels",
            "settings", "silencedUntil", "silenceReason", "silencedBy"})
    public RuleView(String name, String kind, String target, String status, String problem, String source,
            String severity, String[] channels, String settings, String silencedUntil, String silenceReason,
            String silencedBy) {
        this.name = name;
        this.kind = kind;
        this.target = target;
        this.status = status;
        this.problem = problem;
        this.source = source;
        this.severity = severity;
        this.channels = channels.clone();
        this.settings = settings;
        this.silencedUntil = silencedUntil;
        this.silenceReason = silenceReason;
        this.silencedBy = silencedBy;
    }

    static RuleView of(AlertRule r) {
        return new RuleView(r.name(), r.kind(), r.target(), r.status().name(), r.problem(), r.source(), r.severity(),
                r.channels().toArray(String[]::new), r.settings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
                AlertView.time(r.silencedUntil()), r.silenceReason(), r.silencedBy());
    }

    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getTarget() { return target; }
    public String getStatus() { return status; }
    public String getProblem() { return problem; }
    public String getSource() { return source; }
    public String getSeverity() { return severity; }
    public String[] getChannels() { return channels.clone(); }
    public String getSettings() { return settings; }
    public String getSilencedUntil() { return silencedUntil; }
    public String getSilenceReason() { return silenceReason; }
    public String getSilencedBy() { return silencedBy; }
}
