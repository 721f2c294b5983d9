package dev.conflux.tracing.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event of a message's way through Conflux. Null fields are unknown or do not apply to the kind.
 *
 * @param traceId       W3C trace id (32 lower-case hex digits) shared by every hop of the message and its offspring
 * @param spanId        W3C span id (16 hex digits) of this hop
 * @param parentSpanId  the span this hop continues, or null
 * @param businessKey   the flow's business key of the message (e.g. an order id), or null
 * @param kind          what happened
 * @param time          when it happened
 * @param node          the Conflux node that recorded it
 * @param flow          the flow, or null (broker and operator events)
 * @param revision      the flow's revision, or null
 * @param route         the route (step container) within the flow, or null
 * @param target        where: the endpoint a message came in on, the queue it was sent to or consumed from, the
 *                      external system called (connector instance and host/URL), the dead-letter queue
 * @param outcome       {@code ok} or a short failure word (e.g. {@code 503}, {@code timeout}), or null
 * @param durationMillis how long the hop took (a call, a whole exchange), or -1
 * @param waitedMillis  how long the message waited in a queue before this hop, or -1
 * @param attempt       the delivery attempt (JMSXDeliveryCount), or 0 when not a broker delivery
 * @param messageId     the JMS message id, or null
 * @param step          the failing step ({@code id (kind) at file:line}) for a failure, or null
 * @param error         the failure's message (never a stack trace), or null
 * @param actor         who did it: an operator's name, the consumer identity of a request, or null
 * @param auditId       the audit entry of an operator action, or null
 * @param payload       the captured and masked body when the flow captures payloads, or null
 */
public record Hop(String traceId, String spanId, String parentSpanId, String businessKey, HopKind kind, Instant time,
        String node, String flow, String revision, String route, String target, String outcome, long durationMillis,
        long waitedMillis, int attempt, String messageId, String step, String error, String actor, String auditId,
        String payload) {

    public Hop {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
    }

    /** A builder for the hop of the given trace and kind, at the current time. */
    public static Builder of(String traceId, HopKind kind) {
        return new Builder(traceId, kind);
    }

    /** Builds a {@link Hop}; unset fields stay null (or -1 / 0). */
    public static final class Builder {
        private final String traceId;
        private final HopKind kind;
        private String spanId;
        private String parentSpanId;
        private String businessKey;
        private Instant time = Instant.now();
        private String node;
        private String flow;
        private String revision;
        private String route;
        private String target;
        private String outcome;
        private long durationMillis = -1;
        private long waitedMillis = -1;
        private int attempt;
        private String messageId;
        private String step;
        private String error;
        private String actor;
        private String auditId;
        private String payload;

        private Builder(String traceId, HopKind kind) {
            this.traceId = traceId;
            this.kind = kind;
        }

        public Builder span(String spanId, String parentSpanId) {
            this.spanId = spanId;
            this.parentSpanId = parentSpanId;
            return this;
        }

        public Builder businessKey(String v) {
            businessKey = v;
            return this;
        }

        public Builder time(Instant v) {
            time = v;
            return this;
        }

        public Builder node(String v) {
            node = v;
            return this;
        }

        public Builder flow(String flow, String revision) {
            this.flow = flow;
            this.revision = revision;
            return this;
        }

        public Builder route(String v) {
            route = v;
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        public Builder durationMillis(long v) {
            durationMillis = v;
            return this;
        }

        public Builder waitedMillis(long v) {
            waitedMillis = v;
            return this;
        }

        public Builder attempt(int v) {
            attempt = v;
            return this;
        }

        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        public Builder failure(String step, String error) {
            this.step = step;
            this.error = error;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder auditId(String v) {
            auditId = v;
            return this;
        }

        public Builder payload(String v) {
            payload = v;
            return this;
        }

        public Hop build() {
            return new Hop(traceId, spanId, parentSpanId, businessKey, kind, time, node, flow, revision, route, target,
                    outcome, durationMillis, waitedMillis, attempt, messageId, step, error, actor, auditId, payload);
        }
    }
}
