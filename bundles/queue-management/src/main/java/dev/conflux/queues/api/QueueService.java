package dev.conflux.queues.api;

import java.util.List;

/**
 * The broker's application queues for support staff (an OSGi service); the {@code conflux:type=queues} MBean and
 * the {@code conflux:queue-*} commands are front ends over it. Message ids are the broker's (numbers). Every change
 * is recorded in the audit trail with the caller. Bad input (an unknown queue, a malformed id) is an
 * {@link IllegalArgumentException} whose message says what was wrong.
 */
public interface QueueService {

    /** The most messages one call browses or lists. */
    int MAX_PAGE = 1000;

    /** Application queues (the broker's own are left out), by name. */
    List<QueueSummary> queues();

    /** Messages {@code offset} to {@code offset + limit - 1} of a queue, oldest first, without consuming them. */
    List<QueueMessage> browse(String queue, int offset, int limit);

    /** Stops delivering the queue's messages to consumers, also across broker restarts; messages still arrive. */
    void pause(String queue);

    void resume(String queue);

    /** Moves the given messages to another queue; returns the ids that were moved (the others were gone). */
    List<String> move(String queue, List<String> messageIds, String targetQueue);

    /** Moves every message of the queue to another queue; returns how many. */
    int moveAll(String queue, String targetQueue);

    /** Deletes every message of the queue; returns how many. */
    int purge(String queue);
}
