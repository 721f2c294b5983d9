package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import java.util.List;
import java.util.Optional;

/**
 * The notification channels by name, as the engine finds them: the configured ones
 * ({@code etc/conflux.alert.channel-<name>.cfg}) and the built-in {@code log}. The channel implementations publish
 * one as a service of this bundle; until one is there the engine uses {@link BuiltInChannels} (the log only).
 */
public interface ChannelRegistry {

    /** The name of the channel that always exists. */
    String LOG = "log";

    /** Every channel, INVALID ones included, by name. */
    List<AlertChannel> channels();

    /** The ACTIVE channel of that name. */
    Optional<Channel> channel(String name);

    /** Records a delivery through the channel: {@code error} null when it worked. */
    void delivered(String name, String error);
}
