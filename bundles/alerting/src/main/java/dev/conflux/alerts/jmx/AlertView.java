package dev.conflux.alerts.jmx;

import dev.conflux.alerts.api.Alert;
import java.beans.ConstructorProperties;
import java.time.Instant;

/** One alert, field for field as {@link Alert}; times as ISO-8601 strings, null when absent. */
public class AlertView {
    private final String id;
    private final String rule;
    private final String kind;
    private final String target;
    private final String state;
    private final String severity;
    private final String summary;
    private final String value;
    private final String since;
    private final String firingSince;
    private final String resolvedAt;
    private final String lastNotifiedAt;
    private final String acknowledgedBy;
    private final String acknowledgedAt;
    private final String acknowledgeComment;
    private final boolean silenced;
    private final String link;

    @ConstructorProperties({"id", "rule", "kind", "target", "state", "severity", "summary", "value", "since",
            "firingSince", "resolvedAt", "lastNotifiedAt", "acknowledgedBy", "acknowledgedAt", "acknowledgeComment",
            "silenced", "link"})
    public AlertView(String id, String rule, String kind, String target, String state, String severity,
            String summary, String value, String since, String firingSince, String resolvedAt, String lastNotifiedAt,
            String acknowledgedBy, String acknowledgedAt, String acknowledgeComment, boolean silenced, String link) {
        this.id = id;
        this.rule = rule;
        this.kind = kind;
        this.target = target;
        this.state = state;
        this.severity = severity;
        this.summary = summary;
        this.value = value;
        this.since = since;
        this.firingSince = firingSince;
        this.resolvedAt = resolvedAt;
        this.lastNotifiedAt = lastNotifiedAt;
        this.acknowledgedBy = acknowledgedBy;
        this.acknowledgedAt = acknowledgedAt;
        this.acknowledgeComment = acknowledgeComment;
        this.silenced = silenced;
        this.link = link;
    }

    static AlertView of(Alert a) {
        return new AlertView(a.id(), a.rule(), a.kind(), a.target(), a.state().name(), a.severity(), a.summary(),
                a.value(), time(a.since()), time(a.firingSince()), time(a.resolvedAt()), time(a.lastNotifiedAt()),
                a.acknowledgedBy(), time(a.acknowledgedAt()), a.acknowledgeComment(), a.silenced(), a.link());
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    public String getId() { return id; }
    public String getRule() { return rule; }
    public String getKind() { return kind; }
    public String getTarget() { return target; }
    public String getState() { return state; }
    public String getSeverity() { return severity; }
    public String getSummary() { return summary; }
    public String getValue() { return value; }
    public String getSince() { return since; }
    public String getFiringSince() { return firingSince; }
    public String getResolvedAt() { return resolvedAt; }
    public String getLastNotifiedAt() { return lastNotifiedAt; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public String getAcknowledgedAt() { return acknowledgedAt; }
    public String getAcknowledgeComment() { return acknowledgeComment; }
    public boolean isSilenced() { return silenced; }
    public String getLink() { return link; }
}
