package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one line to karaf.log per notification: WARN when an alert fires or repeats, INFO when it resolves. */
final class LogChannel implements Channel {

    /** The logger name operators grep for or route elsewhere in etc/org.ops4j.pax.logging.cfg. */
    static final String LOGGER = "dev.conflux.alerts";

    private final String name;
    private final Logger log;

    LogChannel(String name) {
        this(name, LoggerFactory.getLogger(LOGGER));
    }

    LogChannel(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        if (notification.event() == Notification.Event.RESOLVED) {
            log.info("{}", Messages.line(notification));
        } else {
            log.warn("{}", Messages.line(notification));
        }
    }
}
