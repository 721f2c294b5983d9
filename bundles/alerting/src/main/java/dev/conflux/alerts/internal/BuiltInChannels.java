package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Just the {@code log} channel (karaf.log: WARN when firing, INFO when resolved), when no registry is published. */
final class BuiltInChannels implements ChannelRegistry {

    private static final Logger LOG_ALERTS = LoggerFactory.getLogger("dev.conflux.alerts");

    private final Channel log = new Channel() {
        @Override
        public String name() {
            return LOG;
        }

        @Override
        public void send(Notification n) {
            if (n.event() == Notification.Event.RESOLVED) {
                LOG_ALERTS.info("{} {}", n.title(), n.text().replace('\n', ' '));
            } else {
                LOG_ALERTS.warn("{} {}", n.title(), n.text().replace('\n', ' '));
            }
        }
    };
    private volatile Instant lastSentAt;
    private volatile String lastError;

    @Override
    public List<AlertChannel> channels() {
        return List.of(new AlertChannel(LOG, "log", "karaf.log", AlertChannel.Status.ACTIVE, null, "built in",
                lastError, lastSentAt));
    }

    @Override
    public Optional<Channel> channel(String name) {
        return LOG.equals(name) ? Optional.of(log) : Optional.empty();
    }

    @Override
    public void delivered(String name, String error) {
        lastError = error;
        if (error == null) {
            lastSentAt = Instant.now();
        }
    }
}
