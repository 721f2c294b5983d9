package dev.conflux.tracing.internal.broker;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import dev.conflux.tracing.api.TraceRecorder;
import java.util.function.Supplier;

/**
 * The hops the broker itself sees: a message from outside Conflux (no {@code traceparent}) is given a new trace and
 * a RECEIVED hop; dead-lettering and expiry are recorded on the message's trace. Broker-internal addresses are left
 * alone.
 */
final class BrokerHops {

    private final Supplier<TraceRecorder> recorder;
    private final String node;

    /** @param recorder the recorder, or null when there is none (then nothing is recorded or stamped) */
    BrokerHops(Supplier<TraceRecorder> recorder, String node) {
        this.recorder = recorder;
        this.node = node;
    }

    /** True for the broker's own addresses (management, notifications, internal stores), which are not traced. */
    static boolean internal(String address) {
        return address == null || address.startsWith("activemq.") || address.startsWith("$sys.")
                || address.contains("notif");
    }

    /**
     * A message arrives at {@code address}; {@code traceparent} is its property, if any. Returns the traceparent
     * value to stamp on a message that had none (and records its RECEIVED hop), or null to leave it as it is.
     */
    String received(String address, String traceparent, String businessKey, String user, String messageId) {
        TraceRecorder r = recorder.get();
        if (r == null || !r.enabled() || internal(address) || TraceParent.parse(traceparent).isPresent()) {
            return null;
        }
        TraceParent trace = TraceParent.newTrace();
        r.record(Hop.of(trace.traceId(), HopKind.RECEIVED).span(trace.spanId(), null).businessKey(businessKey)
                .node(node).target("queue:" + address).actor(user).messageId(messageId).build());
        return trace.toString();
    }

    /** The broker moved the message to the dead-letter queue {@code dlq} after {@code attempt} deliveries. */
    void deadLettered(String traceparent, String businessKey, String dlq, int attempt, String messageId) {
        broker(HopKind.DEAD_LETTERED, traceparent, businessKey, dlq, attempt, messageId);
    }

    /** The message expired in {@code queue}. */
    void expired(String traceparent, String businessKey, String queue, int attempt, String messageId) {
        broker(HopKind.EXPIRED, traceparent, businessKey, "queue:" + queue, attempt, messageId);
    }

    private void broker(HopKind kind, String traceparent, String businessKey, String target, int attempt,
            String messageId) {
        TraceRecorder r = recorder.get();
        if (r == null || !r.enabled()) {
            return;
        }
        TraceParent parent = TraceParent.parse(traceparent).orElse(null);
        TraceParent span = parent == null ? TraceParent.newTrace() : parent.child();
        r.record(Hop.of(span.traceId(), kind).span(span.spanId(), parent == null ? null : parent.spanId())
                .businessKey(businessKey).node(node).target(target).attempt(attempt).messageId(messageId).build());
    }
}
