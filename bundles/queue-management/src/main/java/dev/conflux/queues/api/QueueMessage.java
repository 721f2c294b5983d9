package dev.conflux.queues.api;

import java.util.List;

/**
 * One message on a queue.
 *
 * @param sentAt     ISO-8601, empty when unknown
 * @param properties {@code name=value}, sorted by name
 * @param body       the text of a text message; for other types a hex preview of the first bytes
 */
public record QueueMessage(String messageId, String jmsMessageId, String sentAt, int priority, boolean durable,
        String type, List<String> properties, String body) {

    /** A property's value, or null. */
    public String property(String name) {
        for (String p : properties) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
