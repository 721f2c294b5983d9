package dev.conflux.tracing.shell;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.Position;
import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceStats;
import dev.conflux.tracing.api.TraceSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Traces kept in a list; matches a query's text against keys, trace ids and message ids, like the store. */
public final class FakeTraceService implements TraceService {

    public static final Instant T0 = Instant.parse("2026-12-02T10:32:05.120Z");

    public final List<Trace> traces = new ArrayList<>();
    public final List<TraceQuery> queries = new ArrayList<>();
    public TraceStats stats = new TraceStats(true, "embedded (H2, /data/conflux/traces/traces.mv.db)", 1234, 2_500_000,
            T0, 3, 10000, 0, null);

    /** The sample order's way: received, sent, consumed after a wait, called a partner, completed. */
    public static Trace order(String traceId, String key) {
        List<Hop> hops = List.of(
                Hop.of(traceId, HopKind.RECEIVED).time(T0).businessKey(key).flow("sample-orders", "3")
                        .target("POST /api/orders").actor("shop").build(),
                Hop.of(traceId, HopKind.SENT).time(T0.plusMillis(12)).businessKey(key).flow("sample-orders", "3")
                        .target("queue:conflux.sample.orders").messageId("ID:abc-1").build(),
                Hop.of(traceId, HopKind.CONSUMED).time(T0.plusMillis(2512)).businessKey(key).flow("sample-orders", "3")
                        .target("queue:conflux.sample.orders").waitedMillis(2500).attempt(1).messageId("ID:abc-1")
                        .build(),
                Hop.of(traceId, HopKind.CALLED).time(T0.plusMillis(2600)).businessKey(key).flow("sample-orders", "3")
                        .target("http://partner-a.example/orders").outcome("ok").durationMillis(88).build(),
                Hop.of(traceId, HopKind.COMPLETED).time(T0.plusMillis(2700)).businessKey(key)
                        .flow("sample-orders", "3").durationMillis(2700).build());
        return new Trace(traceId, List.of(key), hops, new Position(Position.State.DELIVERED,
                "http://partner-a.example/orders", T0.plusMillis(2600), "delivered to http://partner-a.example/orders at 10:32:07"));
    }

    @Override
    public List<TraceSummary> search(TraceQuery query) {
        queries.add(query);
        return traces.stream().filter(t -> matches(t, query.text()))
                .filter(t -> query.flow() == null || t.hops().stream().anyMatch(h -> query.flow().equals(h.flow())))
                .filter(t -> !query.failedOnly() || t.failed())
                .sorted(Comparator.comparing((Trace t) -> t.hops().get(0).time()).reversed()).limit(query.limit())
                .map(t -> new TraceSummary(t.traceId(), t.businessKeys(),
                        t.hops().stream().map(Hop::flow).filter(f -> f != null).distinct().toList(),
                        t.hops().get(0).time(), t.hops().get(t.hops().size() - 1).time(), t.hops().size(), t.failed(),
                        t.position()))
                .toList();
    }

    @Override
    public Optional<Trace> trace(String traceId) {
        return traces.stream().filter(t -> t.traceId().equals(traceId)).findFirst();
    }

    @Override
    public Optional<Trace> find(String keyOrId) {
        return traces.stream().filter(t -> matches(t, keyOrId))
                .max(Comparator.comparing((Trace t) -> t.hops().get(0).time()));
    }

    @Override
    public TraceStats stats() {
        return stats;
    }

    private static boolean matches(Trace t, String text) {
        return text == null || t.traceId().equals(text) || t.businessKeys().contains(text)
                || t.hops().stream().anyMatch(h -> text.equals(h.messageId()));
    }
}
