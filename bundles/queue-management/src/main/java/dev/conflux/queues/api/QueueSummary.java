package dev.conflux.queues.api;

/**
 * One queue with its counters. Rates are messages per second over the last sample period (5 s).
 *
 * @param oldestMessageAgeMillis -1 when the queue is empty
 * @param deadLetter             whether it is a dead-letter queue
 */
public record QueueSummary(String name, String address, String routingType, long messageCount, int consumerCount,
        long messagesAdded, long messagesAcknowledged, double enqueueRate, double dequeueRate,
        long oldestMessageAgeMillis, boolean paused, boolean deadLetter) {
}
