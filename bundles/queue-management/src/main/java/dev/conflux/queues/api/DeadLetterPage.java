package dev.conflux.queues.api;

import java.util.List;

/**
 * A page of a dead-letter queue: {@code letters} are messages {@code offset} to {@code offset + letters.size() - 1}
 * of {@code total}, oldest first.
 */
public record DeadLetterPage(String queue, long total, int offset, List<DeadLetter> letters) {

    /** Whether messages follow this page. */
    public boolean hasMore() {
        return offset + letters.size() < total;
    }
}
