package dev.conflux.tracing.api;

import java.time.Instant;

/**
 * Where a traced message is now, derived from its last hops: e.g. {@code WAITING} in queue {@code orders} since
 * 10:32, {@code DEAD_LETTERED} in {@code DLQ.orders}, {@code DELIVERED} to {@code partner-a}.
 *
 * @param state what kind of place
 * @param where the queue, dead-letter queue, flow or external system
 * @param since since when
 * @param text  the sentence the console and shell show ({@code waiting in queue orders since 10:32:05})
 */
public record Position(State state, String where, Instant since, String text) {

    public enum State { IN_FLIGHT, WAITING, DEAD_LETTERED, FAILED, DELIVERED, COMPLETED, DISCARDED, EXPIRED }
}
