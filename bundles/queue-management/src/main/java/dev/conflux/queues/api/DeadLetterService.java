package dev.conflux.queues.api;

import java.util.List;

/**
 * Dead letters (an OSGi service): the messages on dead-letter queues ({@code DLQ.<queue>} on the broker's
 * dead-letter addresses), with why they got there, and what support staff do with them. Listing is paged, so that
 * every message of a queue can be reached however many there are. Every change is recorded in the audit trail.
 */
public interface DeadLetterService {

    /** The dead-letter queues, by name. */
    List<QueueSummary> deadLetterQueues();

    /** Dead letters {@code offset} to {@code offset + limit - 1} of a dead-letter queue, oldest first. */
    DeadLetterPage deadLetters(String deadLetterQueue, int offset, int limit);

    /** Sends the given dead letters back to the queue they came from; returns the ids sent back. */
    List<String> retry(String deadLetterQueue, List<String> messageIds);

    /** Sends every dead letter of the queue back to where it came from; returns how many. */
    int retryAll(String deadLetterQueue);

    /**
     * Sends an edited copy of a dead letter to the address it came from (with {@code ConfluxResubmittedFrom=<id>})
     * and removes the dead letter. {@code properties} are {@code name=value}; they replace the message's own.
     * Returns the new message's id.
     */
    String resubmit(String deadLetterQueue, String messageId, String body, List<String> properties);

    /** Deletes the given dead letters; the reason is required. Returns the ids deleted. */
    List<String> discard(String deadLetterQueue, List<String> messageIds, String reason);
}
