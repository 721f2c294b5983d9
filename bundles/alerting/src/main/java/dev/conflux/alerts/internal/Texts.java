package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.channel.Notification;
import dev.conflux.alerts.channel.Notification.Event;
import dev.conflux.runtime.api.Durations;
import java.time.Duration;
import java.time.Instant;

/** What a notification says: what, where, since when, the current value, and the console page concerned. */
final class Texts {

    /** Where the notification comes from. */
    record Origin(String environment, String node, String consoleUrl) {
    }

    private Texts() {
    }

    static Notification notification(Event event, Alert a, String description, Origin origin, Instant now) {
        String where = a.target() == null ? origin.environment() + "/" + origin.node()
                : a.target() + " on " + origin.environment() + "/" + origin.node();
        String title = "[" + event + "] " + a.severity() + ": " + a.rule() + " - " + a.summary();
        StringBuilder text = new StringBuilder();
        text.append(event == Event.RESOLVED ? "Resolved: " : "Alert: ").append(a.summary()).append('\n');
        if (description != null && !description.isBlank()) {
            text.append(description.trim()).append('\n');
        }
        text.append("Rule: ").append(a.rule()).append(" (").append(a.kind()).append(", ").append(a.severity())
                .append(")\n");
        text.append("Where: ").append(where).append('\n');
        Instant since = a.firingSince() != null ? a.firingSince() : a.since();
        text.append("Since: ").append(since).append(" (").append(Durations.format(Duration.between(since, now)))
                .append(")\n");
        if (event == Event.RESOLVED) {
            text.append("Resolved at: ").append(a.resolvedAt()).append('\n');
        } else {
            text.append("Current value: ").append(a.value()).append('\n');
        }
        if (a.acknowledgedBy() != null) {
            text.append("Acknowledged by ").append(a.acknowledgedBy()).append(a.acknowledgeComment() == null ? ""
                    : ": " + a.acknowledgeComment()).append('\n');
        }
        Notification n = new Notification(event, a, title, text.toString(), origin.consoleUrl(),
                origin.environment(), origin.node());
        return new Notification(event, a, title, text.append("Console: ").append(n.link()).toString(),
                origin.consoleUrl(), origin.environment(), origin.node());
    }
}
