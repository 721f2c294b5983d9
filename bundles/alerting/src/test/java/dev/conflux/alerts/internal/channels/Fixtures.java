package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.channel.Notification;
import java.time.Instant;

/** A firing dead-letter alert and its notification, as the engine would hand them over. */
final class Fixtures {

    static final Instant SINCE = Instant.parse("2026-12-02T10:00:00Z");

    private Fixtures() {
    }

    static Alert alert(Alert.State state) {
        return new Alert("dead-letters/orders", "dead-letters", "dead-letters", "orders", state, "critical",
                "queue orders has 1 new dead letter", "1 dead letter", SINCE, SINCE.plusSeconds(5),
                state == Alert.State.RESOLVED ? SINCE.plusSeconds(60) : null, null, null, null, null, false,
                "#/conflux?tab=deadletters");
    }

    /** Without the engine's title and text: channels build their own. */
    static Notification notification(Notification.Event event) {
        return notification(event, null);
    }

    static Notification notification(Notification.Event event, String text) {
        Alert.State state = event == Notification.Event.RESOLVED ? Alert.State.RESOLVED : Alert.State.FIRING;
        return new Notification(event, alert(state), null, text, "http://127.0.0.1:8181/hawtio", "dev", "root");
    }
}
