package dev.conflux.queues.jmx;

/**
 * Dead-lettered messages, as {@code conflux:type=deadletters}: the messages on dead-letter queues (the queues of
 * the broker's dead-letter addresses, {@code DLQ.<queue>} by default), page by page, with their failure reason, and
 * what support staff do with them. Every action is recorded in the audit trail with the message ids; who may call
 * what is in etc/jmx.acl.conflux.deadletters.cfg.
 */
public interface DeadLettersMXBean {

    /** The first 1,000 dead letters of each dead-letter queue, oldest first; {@link #page} reaches the others. */
    DeadLetterView[] getDeadLetters();

    /** The dead-letter queues with their depth. */
    QueueView[] getDeadLetterQueues();

    /** Dead letters {@code offset} to {@code offset + limit - 1} (at most 1,000) of one dead-letter queue. */
    DeadLetterPageView page(String deadLetterQueue, int offset, int limit);

    /** Sends the given dead letters back to the queue they came from; returns how many were sent back. */
    int retry(String deadLetterQueue, String[] messageIds);

    /** Sends every dead letter of the queue back to where it came from; returns how many were sent back. */
    int retryAll(String deadLetterQueue);

    /**
     * Sends an edited copy of a dead letter to the queue it came from and removes the dead letter. {@code properties}
     * are {@code name=value}; they replace the message's own. Returns the new message's id.
     */
    String resubmit(String deadLetterQueue, String messageId, String body, String[] properties);

    /** Deletes the given dead letters; the reason is required and goes into the audit trail. */
    int discard(String deadLetterQueue, String[] messageIds, String reason);
}
