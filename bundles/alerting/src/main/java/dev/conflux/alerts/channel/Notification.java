package dev.conflux.alerts.channel;

import dev.conflux.alerts.api.Alert;

/**
 * What the engine hands a channel: an alert that started firing, is still firing (repeat), or was resolved.
 * {@link #title()} and {@link #text()} are for people (an email subject and body, a chat message); channels that
 * send JSON send {@link #alert()} with {@code event}, {@code title}, {@code text} and an absolute {@code link}.
 *
 * @param consoleUrl the console's base URL ({@code https://host:8181/hawtio}), to make the alert's link absolute
 */
public record Notification(Event event, Alert alert, String title, String text, String consoleUrl,
        String environment, String node) {

    public enum Event { FIRING, REPEAT, RESOLVED }

    /** The absolute link to the console page concerned. */
    public String link() {
        return alert.link() == null ? consoleUrl : consoleUrl + "/" + alert.link();
    }
}
