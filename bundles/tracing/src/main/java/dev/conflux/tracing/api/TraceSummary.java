package dev.conflux.tracing.api;

import java.time.Instant;
import java.util.List;

/** One search result: a trace in a line. */
public record TraceSummary(String traceId, List<String> businessKeys, List<String> flows, Instant first, Instant last,
        int hops, boolean failed, Position position) {
}
