package dev.conflux.tracing.internal;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceSummary;
import dev.conflux.tracing.internal.store.JdbcTraceStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Searches in two steps: the matching trace ids, newest first (one indexed lookup), then every hop of those traces,
 * from which each trace's summary and position are derived.
 */
public final class TraceSearch {

    private final JdbcTraceStore store;
    private final Positions positions;

    public TraceSearch(JdbcTraceStore store, Positions positions) {
        this.store = store;
        this.positions = positions;
    }

    /** Traces matching the query, newest first. */
    public List<TraceSummary> search(TraceQuery query) {
        try {
            Map<String, List<Hop>> traces = store.traces(query);
            List<TraceSummary> result = new ArrayList<>(traces.size());
            traces.forEach((id, hops) -> {
                if (!hops.isEmpty()) {
                    result.add(summary(trace(id, hops)));
                }
            });
            return result;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** One trace by id. */
    public Optional<Trace> trace(String traceId) {
        if (traceId == null || traceId.isBlank()) {
            return Optional.empty();
        }
        try {
            List<Hop> hops = store.hops(List.of(traceId.trim())).get(traceId.trim());
            return hops.isEmpty() ? Optional.empty() : Optional.of(trace(traceId.trim(), hops));
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The newest trace whose business key, trace id or message id is {@code keyOrId}. */
    public Optional<Trace> find(String keyOrId) {
        if (keyOrId == null || keyOrId.isBlank()) {
            return Optional.empty();
        }
        TraceQuery newest = new TraceQuery(keyOrId.trim(), null, null, null, null, null, null, false, 1);
        try {
            return store.traces(newest).entrySet().stream().findFirst().map(e -> trace(e.getKey(), e.getValue()));
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    Trace trace(String id, List<Hop> hops) {
        Set<String> keys = new LinkedHashSet<>();
        hops.forEach(h -> {
            if (h.businessKey() != null) {
                keys.add(h.businessKey());
            }
        });
        return new Trace(id, List.copyOf(keys), List.copyOf(hops), positions.of(hops));
    }

    static TraceSummary summary(Trace t) {
        Set<String> flows = new LinkedHashSet<>();
        t.hops().forEach(h -> {
            if (h.flow() != null) {
                flows.add(h.flow());
            }
        });
        return new TraceSummary(t.traceId(), t.businessKeys(), List.copyOf(flows), t.hops().get(0).time(),
                t.hops().get(t.hops().size() - 1).time(), t.hops().size(), t.failed(), t.position());
    }

    private static IllegalStateException unreadable(SQLException e) {
        return new IllegalStateException("The trace store cannot be read: " + e.getMessage());
    }
}
