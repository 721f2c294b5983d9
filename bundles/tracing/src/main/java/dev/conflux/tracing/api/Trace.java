package dev.conflux.tracing.api;

import java.time.Duration;
import java.util.List;

/**
 * Every recorded hop of one trace, oldest first, and where the message is now.
 *
 * @param traceId      the trace
 * @param businessKeys the business keys its hops carried (usually one)
 * @param hops         the timeline, in time order
 * @param position     where the message is now
 */
public record Trace(String traceId, List<String> businessKeys, List<Hop> hops, Position position) {

    /** From the first hop to the last. */
    public Duration span() {
        return hops.isEmpty() ? Duration.ZERO : Duration.between(hops.get(0).time(), hops.get(hops.size() - 1).time());
    }

    /** True if any hop is a failure. */
    public boolean failed() {
        return hops.stream().anyMatch(h -> h.kind().failure());
    }
}
