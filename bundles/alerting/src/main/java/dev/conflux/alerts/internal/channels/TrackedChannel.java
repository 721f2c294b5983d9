package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.time.Clock;
import java.time.Instant;

/**
 * A configured channel with what happened to its last delivery, as the engine reports it: the time of the last one
 * that went out, the last failure (for {@code conflux:alert-list --channels} and the console) until one works again.
 * An INVALID configuration has no channel behind it and refuses to send.
 */
final class TrackedChannel implements Channel {

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
        delegate.send(notification);
    }

    /** What the engine reports after a delivery: {@code error} null when it worked. */
    void delivered(String error) {
        if (error == null) {
            lastSentAt = clock.instant();
            lastError = null;
        } else {
            lastError = clock.instant() + " " + error;
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
