package dev.conflux.queues.jmx;

import dev.conflux.queues.api.DeadLetter;
import dev.conflux.queues.api.QueueMessage;
import java.beans.ConstructorProperties;

/**
 * One dead-lettered message with why it got there: where it came from (original queue), which flow, route and
 * step failed on it, with what exception, how many deliveries were tried and when. The failure fields are empty
 * when no flow of this runtime failed on the message (e.g. it expired, or another client rejected it).
 */
public class DeadLetterView {
    private final String queue;
    private final String messageId;
    private final String jmsMessageId;
    private final String originalQueue;
    private final String originalAddress;
    private final String flow;
    private final String route;
    private final String step;
    private final String exceptionType;
    private final String exceptionMessage;
    private final int deliveryAttempts;
    private final String firstFailure;
    private final String lastFailure;
    private final String sentAt;
    private final String type;
    private final String[] properties;
    private final String body;

    @ConstructorProperties({"queue", "messageId", "jmsMessageId", "originalQueue", "originalAddress", "flow", "route",
            "step", "exceptionType", "exceptionMessage", "deliveryAttempts", "firstFailure", "lastFailure", "sentAt",
            "type", "properties", "body"})
    public DeadLetterView(String queue, String messageId, String jmsMessageId, String originalQueue,
            String originalAddress, String flow, String route, String step, String exceptionType,
            String exceptionMessage, int deliveryAttempts, String firstFailure, String lastFailure, String sentAt,
            String type, String[] properties, String body) {
        this.queue = queue;
        this.messageId = messageId;
        this.jmsMessageId = jmsMessageId;
        this.originalQueue = originalQueue;
        this.originalAddress = originalAddress;
        this.flow = flow;
        this.route = route;
        this.step = step;
        this.exceptionType = exceptionType;
        this.exceptionMessage = exceptionMessage;
        this.deliveryAttempts = deliveryAttempts;
        this.firstFailure = firstFailure;
        this.lastFailure = lastFailure;
        this.sentAt = sentAt;
        this.type = type;
        this.properties = properties;
        this.body = body;
    }

    static DeadLetterView of(DeadLetter d) {
        QueueMessage m = d.message();
        return new DeadLetterView(d.queue(), m.messageId(), m.jmsMessageId(), d.originalQueue(), d.originalAddress(),
                d.flow(), d.route(), d.step(), d.exceptionType(), d.exceptionMessage(), d.deliveryAttempts(),
                d.firstFailure(), d.lastFailure(), m.sentAt(), m.type(), m.properties().toArray(String[]::new),
                m.body());
    }

    public String getQueue() { return queue; }
    public String getMessageId() { return messageId; }
    public String getJmsMessageId() { return jmsMessageId; }
    public String getOriginalQueue() { return originalQueue; }
    public String getOriginalAddress() { return originalAddress; }
    public String getFlow() { return flow; }
    public String getRoute() { return route; }
    public String getStep() { return step; }
    public String getExceptionType() { return exceptionType; }
    public String getExceptionMessage() { return exceptionMessage; }
    public int getDeliveryAttempts() { return deliveryAttempts; }
    public String getFirstFailure() { return firstFailure; }
    public String getLastFailure() { return lastFailure; }
    public String getSentAt() { return sentAt; }
    public String getType() { return type; }
    public String[] getProperties() { return properties; }
    public String getBody() { return body; }
}
