package dev.conflux.queues.jmx;

import dev.conflux.queues.api.QueueSummary;
import java.beans.ConstructorProperties;

/** One queue as the console's Queues page shows it. Rates are messages per second over the last sample period. */
public class QueueView {
    private final String name;
    private final String address;
    private final String routingType;
    private final long messageCount;
    private final int consumerCount;
    private final long messagesAdded;
    private final long messagesAcknowledged;
    private final double enqueueRate;
    private final double dequeueRate;
    private final long oldestMessageAgeMillis;
    private final boolean paused;
    private final boolean deadLetter;

    @ConstructorProperties({"name", "address", "routingType", "messageCount", "consumerCount", "messagesAdded",
            "messagesAcknowledged", "enqueueRate", "dequeueRate", "oldestMessageAgeMillis", "paused", "deadLetter"})
    public QueueView(String name, String address, String routingType, long messageCount, int consumerCount,
            long messagesAdded, long messagesAcknowledged, double enqueueRate, double dequeueRate,
            long oldestMessageAgeMillis, boolean paused, boolean deadLetter) {
        this.name = name;
        this.address = address;
        this.routingType = routingType;
        this.messageCount = messageCount;
        this.consumerCount = consumerCount;
        this.messagesAdded = messagesAdded;
        this.messagesAcknowledged = messagesAcknowledged;
        this.enqueueRate = enqueueRate;
        this.dequeueRate = dequeueRate;
        this.oldestMessageAgeMillis = oldestMessageAgeMillis;
        this.paused = paused;
        this.deadLetter = deadLetter;
    }

    static QueueView of(QueueSummary q) {
        return new QueueView(q.name(), q.address(), q.routingType(), q.messageCount(), q.consumerCount(),
                q.messagesAdded(), q.messagesAcknowledged(), q.enqueueRate(), q.dequeueRate(),
                q.oldestMessageAgeMillis(), q.paused(), q.deadLetter());
    }

    public String getName() { return name; }
    public String getAddress() { return address; }
    public String getRoutingType() { return routingType; }
    public long getMessageCount() { return messageCount; }
    public int getConsumerCount() { return consumerCount; }
    public long getMessagesAdded() { return messagesAdded; }
    public long getMessagesAcknowledged() { return messagesAcknowledged; }
    public double getEnqueueRate() { return enqueueRate; }
    public double getDequeueRate() { return dequeueRate; }
    /** -1 when the queue is empty. */
    public long getOldestMessageAgeMillis() { return oldestMessageAgeMillis; }
    public boolean isPaused() { return paused; }
    public boolean isDeadLetter() { return deadLetter; }
}
