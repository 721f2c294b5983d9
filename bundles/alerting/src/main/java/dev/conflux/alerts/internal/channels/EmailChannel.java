package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.util.List;

/**
 * Mails each notification through a mail connector instance: subject {@code [Conflux <env>] FIRING: <summary>}
 * (the prefix configurable), a plain-text body with what, where, since when, the value and the console link.
 */
final class EmailChannel implements Channel {

    private final String name;
    private final String connector;
    private final List<String> to;
    private final String from;
    private final String subjectPrefix;
    private final MailSender sender;

    EmailChannel(String name, String connector, List<String> to, String from, String subjectPrefix,
            MailSender sender) {
        this.name = name;
        this.connector = connector;
        this.to = List.copyOf(to);
        this.from = from;
        this.subjectPrefix = subjectPrefix;
        this.sender = sender;
    }

    static EmailChannel of(ChannelSpec spec, MailSender sender) {
        return new EmailChannel(spec.name(), spec.value("connector"), spec.list("to"), spec.value("from"),
                spec.value("subjectPrefix"), sender);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) throws Exception {
        sender.send(connector, to, from, Messages.headline(notification, subjectPrefix), Messages.body(notification));
    }
}
