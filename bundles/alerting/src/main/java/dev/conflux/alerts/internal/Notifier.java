package dev.conflux.alerts.internal;

import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to the channels on a thread of its own, so a slow mail server or webhook never delays rule
 * evaluation. A channel that fails is recorded on the channel (its last error) and tried again with the next repeat.
 */
final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final Supplier<ChannelRegistry> registry;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "conflux-alert-notifier"));

    Notifier(Supplier<ChannelRegistry> registry) {
        this.registry = registry;
    }

    /** Queues the notification for each of the channels. */
    void send(Notification notification, List<String> channels) {
        try {
            thread.execute(() -> channels.forEach(name -> deliver(name, notification)));
        } catch (RejectedExecutionException e) {
            LOG.warn("Alert notification dropped while alerting stops: {}", notification.title());
        }
    }

    private void deliver(String name, Notification notification) {
        ChannelRegistry channels = registry.get();
        Optional<Channel> channel = channels.channel(name);
        if (channel.isEmpty()) {
            LOG.warn("Alert channel '{}' is missing or INVALID; not sent: {}", name, notification.title());
            channels.delivered(name, "the channel is missing or INVALID");
            return;
        }
        try {
            channel.get().send(notification);
            channels.delivered(name, null);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("Alert channel '{}' could not send '{}': {}", name, notification.title(), error);
            channels.delivered(name, error);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
