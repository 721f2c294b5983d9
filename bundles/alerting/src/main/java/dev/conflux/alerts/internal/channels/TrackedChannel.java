package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured channel with what happened to its last delivery: the time of the last one that went out, the last
 * failure (logged once, kept for {@code conflux:alert-list --channels} and the console) until one works again.
 * An INVALID configuration has no channel behind it and refuses to send.
 */
final class TrackedChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedChannel.class);

    private final ChannelSpec spec;
    private final Channel delegate;
    private final Clock clock;
    private volatile String lastError;
    private volatile Instant lastSentAt;

    TrackedChannel(ChannelSpec spec, Channel delegate, Clock clock) {
        this.spec = spec;
        this.delegate = delegate;
        this.clock = clock;
    }

    ChannelSpec spec() {
        return spec;
    }

    boolean usable() {
        return delegate != null;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Notification notification) throws Exception {
        if (delegate == null) {
            throw new IllegalStateException("channel '" + name() + "' is INVALID: " + spec.problem());
        }
        try {
            delegate.send(notification);
            lastSentAt = clock.instant();
            lastError = null;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? "delivery failed" : e.getMessage();
            lastError = clock.instant() + " " + notification.event() + " of " + notification.alert().id() + ": "
                    + reason;
            LOG.warn("Alert channel '{}' could not deliver {} of {}: {}", name(), notification.event(),
                    notification.alert().id(), reason);
            throw e;
        }
    }

    AlertChannel view() {
        return new AlertChannel(spec.name(), spec.type(), target(), usable() ? AlertChannel.Status.ACTIVE
                : AlertChannel.Status.INVALID, spec.problem(), spec.source(), lastError, lastSentAt);
    }

    private String target() {
        if (!spec.valid()) {
            return null;
        }
        return switch (spec.type()) {
            case ChannelSpec.EMAIL -> "mail connector " + spec.value("connector") + " to "
                    + String.join(", ", spec.list("to"));
            case ChannelSpec.WEBHOOK -> WebhookChannel.shown(spec.value("url"));
            default -> "karaf.log";
        };
    }
}
