package dev.conflux.alerts.channel;

import dev.conflux.alerts.api.AlertChannel;
import java.util.List;
import java.util.Optional;

/**
 * The configured notification channels, by name: the built-in {@code log} channel and one per factory configuration
 * {@code conflux.alert.channel} ({@code etc/conflux.alert.channel-<name>.cfg}), reloaded when they change. An OSGi
 * service of the alerting bundle, for its engine.
 */
public interface ChannelRegistry {

    /** The name of the channel that always exists. */
    String LOG = "log";

    /** Every channel, INVALID ones included, by name. */
    List<AlertChannel> channels();

    /** The usable channel of that name; empty when there is none or its configuration is INVALID. */
    Optional<Channel> channel(String name);

    /** Records a delivery through the channel ({@code error} null when it worked), shown by {@link #channels()}. */
    void delivered(String name, String error);
}
