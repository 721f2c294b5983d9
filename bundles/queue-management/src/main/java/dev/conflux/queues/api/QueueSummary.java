package dev.conflux.queues.api;

/**
 * One queue with its counters. Rates are messages per second over the last sample period (5 s).
 *
 * @param oldestMessageAgeMillis -1 when the queue is empty
 * @param deadLetter             whether it is a dead-letter queue
 * @param messagesExpired        messages that expired since the broker started
 * @param messagesKilled         messages the broker gave up on (sent to the dead-letter address) since it started
 */
public record QueueSummary(String name, String address, String routingType, long messageCount, int consumerCount,
        long messagesAdded, long messagesAcknowledged, double enqueueRate, double dequeueRate,
        long oldestMessageAgeMillis, boolean paused, boolean deadLetter, long messagesExpired, long messagesKilled) {

    /** Without the expired and killed counters (0), for callers written before they existed. */
    public QueueSummary(String name, String address, String routingType, long messageCount, int consumerCount,
            long messagesAdded, long messagesAcknowledged, double enqueueRate, double dequeueRate,
            long oldestMessageAgeMillis, boolean paused, boolean deadLetter) {
        this(name, address, routingType, messageCount, consumerCount, messagesAdded, messagesAcknowledged,
                enqueueRate, dequeueRate, oldestMessageAgeMillis, paused, deadLetter, 0, 0);
    }
}
