package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.channel.Notification;
import dev.conflux.runtime.api.Durations;
import java.time.Instant;

/** The words every channel uses for a notification: one headline, and what, where, since when, value and link. */
final class Messages {

    private Messages() {
    }

    /** {@code [Conflux dev] FIRING: <summary>}; {@code prefix} replaces {@code [Conflux <env>]} when given. */
    static String headline(Notification n, String prefix) {
        String start = prefix == null || prefix.isBlank() ? "[Conflux " + n.environment() + "]" : prefix.trim();
        return start + " " + n.event() + ": " + summary(n.alert());
    }

    /**
     * The body of a mail or chat message: the engine's text (what, where, since when, value, the rule's description,
     * the console link), or, when it gave none, the same built here.
     */
    static String body(Notification n) {
        if (n.text() == null || n.text().isBlank()) {
            return details(n);
        }
        String text = n.text().endsWith("\n") ? n.text() : n.text() + "\n";
        return text.contains(n.link()) ? text : text + "Link:  " + n.link() + "\n";
    }

    /** Multi-line detail: what, rule, where, since, value, link. */
    static String details(Notification n) {
        Alert a = n.alert();
        StringBuilder b = new StringBuilder();
        b.append("What:  ").append(summary(a)).append('\n');
        b.append("Rule:  ").append(a.rule()).append(" (").append(a.kind()).append(", ").append(a.severity())
                .append(")\n");
        b.append("Where: ").append(a.target() == null ? "-" : a.target()).append(" on node ").append(n.node())
                .append(" (").append(n.environment()).append(")\n");
        b.append("Since: ").append(time(a.since())).append('\n');
        if (a.resolvedAt() != null) {
            b.append("Resolved: ").append(a.resolvedAt()).append('\n');
        }
        b.append("Value: ").append(a.value() == null ? "-" : a.value()).append('\n');
        if (a.acknowledgedBy() != null) {
            b.append("Acknowledged by ").append(a.acknowledgedBy())
                    .append(a.acknowledgeComment() == null ? "" : ": " + a.acknowledgeComment()).append('\n');
        }
        b.append("Link:  ").append(n.link()).append('\n');
        return b.toString();
    }

    /** One line, for the log. */
    static String line(Notification n) {
        Alert a = n.alert();
        return "Alert " + n.event() + " [" + a.severity() + "] " + a.id() + ": " + summary(a) + "; value "
                + (a.value() == null ? "-" : a.value()) + "; since " + time(a.since()) + "; " + n.link();
    }

    static String summary(Alert a) {
        return a.summary() == null || a.summary().isBlank() ? a.rule() + " " + a.kind() : a.summary();
    }

    private static String time(Instant at) {
        return at == null ? "-" : at + " (" + Durations.ago(at) + ")";
    }
}
