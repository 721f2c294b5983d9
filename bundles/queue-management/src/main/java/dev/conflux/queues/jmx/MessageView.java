package dev.conflux.queues.jmx;

import dev.conflux.queues.api.QueueMessage;
import java.beans.ConstructorProperties;

/** One message on a queue, as the console's browser shows it. Properties are {@code name=value}. */
public class MessageView {
    private final String messageId;
    private final String jmsMessageId;
    private final String sentAt;
    private final int priority;
    private final boolean durable;
    private final String type;
    private final String[] properties;
    private final String body;

    @ConstructorProperties({"messageId", "jmsMessageId", "sentAt", "priority", "durable", "type", "properties", "body"})
    public MessageView(String messageId, String jmsMessageId, String sentAt, int priority, boolean durable, String type,
            String[] properties, String body) {
        this.messageId = messageId;
        this.jmsMessageId = jmsMessageId;
        this.sentAt = sentAt;
        this.priority = priority;
        this.durable = durable;
        this.type = type;
        this.properties = properties;
        this.body = body;
    }

    static MessageView of(QueueMessage m) {
        return new MessageView(m.messageId(), m.jmsMessageId(), m.sentAt(), m.priority(), m.durable(), m.type(),
                m.properties().toArray(String[]::new), m.body());
    }

    public String getMessageId() { return messageId; }
    public String getJmsMessageId() { return jmsMessageId; }
    public String getSentAt() { return sentAt; }
    public int getPriority() { return priority; }
    public boolean isDurable() { return durable; }
    public String getType() { return type; }
    public String[] getProperties() { return properties; }
    public String getBody() { return body; }
}
