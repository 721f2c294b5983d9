package dev.conflux.alerts.internal.channels;

import java.util.List;

/** Sends one plain-text mail through a mail connector instance (behind an interface so email is testable alone). */
interface MailSender {

    /**
     * @param connector the mail connector instance's name
     * @param from      the sender address, or null for the instance's own
     */
    void send(String connector, List<String> to, String from, String subject, String body) throws Exception;
}
