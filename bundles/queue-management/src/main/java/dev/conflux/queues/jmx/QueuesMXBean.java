package dev.conflux.queues.jmx;

/**
 * The broker's queues for support staff, as {@code conflux:type=queues}. Message ids are the broker's ids
 * ({@link MessageView#getMessageId()}). Every change is recorded in the audit trail; who may call what is in
 * etc/jmx.acl.conflux.queues.cfg.
 */
public interface QueuesMXBean {

    /** Application queues (the broker's own are left out) with depth, consumers, rates and oldest message age. */
    QueueView[] getQueues();

    /** Up to {@code max} messages of a queue, oldest first, without consuming them. */
    MessageView[] browse(String queue, int max);

    /** Messages {@code offset} to {@code offset + limit - 1} (at most 1,000) of a queue, oldest first. */
    MessageView[] page(String queue, int offset, int limit);

    /** Stops delivering the queue's messages to consumers (kept across broker restarts); messages still arrive. */
    void pause(String queue);

    void resume(String queue);

    /** Moves the given messages to another queue; returns how many were moved. */
    int move(String queue, String[] messageIds, String targetQueue);

    /** Moves every message of the queue to another queue; returns how many were moved. */
    int moveAll(String queue, String targetQueue);

    /** Deletes every message of the queue; returns how many were deleted. */
    int purge(String queue);
}
