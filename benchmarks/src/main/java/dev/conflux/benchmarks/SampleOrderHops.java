package dev.conflux.benchmarks;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hops one order leaves on its way through the sample flow {@code sample-orders} (docs/tracing.md): the REST
 * exchange (RECEIVED on {@code POST /api/orders}, SENT to {@code conflux.sample.orders}, COMPLETED) and the consuming
 * exchange (CONSUMED with its message id and queue wait, CALLED for the outbox file, COMPLETED). No payload: capture
 * is off by default.
 */
final class SampleOrderHops {

    static final String FLOW = "sample-orders";
    static final String QUEUE = "conflux.sample.orders";
    static final int PER_MESSAGE = 6;

    private SampleOrderHops() {
    }

    /** The business key of order number n, as the sample's order ids look (A-1, A-2, ...). */
    static String key(long n) {
        return "A-" + n;
    }

    /** Order n's hops, the first at {@code start}. */
    static List<Hop> of(long n, Instant start, String node) {
        TraceParent request = TraceParent.newTrace();
        TraceParent sent = request.child();
        TraceParent consumed = sent.child();
        String trace = request.traceId();
        String key = key(n);
        String messageId = "ID:" + UUID.randomUUID();
        long waited = 3 + n % 40;
        Instant consumedAt = start.plusMillis(8 + waited);
        return List.of(
                hop(trace, HopKind.RECEIVED, request, null, key, start, node, "orders-rest")
                        .target("POST /api/orders").actor("shop-frontend").build(),
                hop(trace, HopKind.SENT, sent, request, key, start.plusMillis(6), node, "orders-enqueue")
                        .target(QUEUE).messageId(messageId).build(),
                hop(trace, HopKind.COMPLETED, request, null, key, start.plusMillis(8), node, "orders-rest")
                        .outcome("ok").durationMillis(8).build(),
                hop(trace, HopKind.CONSUMED, consumed, sent, key, consumedAt, node, "orders-process")
                        .target(QUEUE).messageId(messageId).waitedMillis(waited).attempt(1).build(),
                hop(trace, HopKind.CALLED, consumed, sent, key, consumedAt.plusMillis(2), node, "orders-process")
                        .target("file:data/sample-orders").outcome("ok").durationMillis(2).build(),
                hop(trace, HopKind.COMPLETED, consumed, sent, key, consumedAt.plusMillis(4), node, "orders-process")
                        .outcome("ok").durationMillis(4).build());
    }

    private static Hop.Builder hop(String trace, HopKind kind, TraceParent span, TraceParent parent, String key,
            Instant time, String node, String route) {
        return Hop.of(trace, kind).span(span.spanId(), parent == null ? null : parent.spanId()).businessKey(key)
                .time(time).node(node).flow(FLOW, "3").route(route);
    }
}
