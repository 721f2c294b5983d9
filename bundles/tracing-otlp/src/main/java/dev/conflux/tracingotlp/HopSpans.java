package dev.conflux.tracingotlp;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hops as OpenTelemetry spans, in the trace they belong to:
 * <ul>
 * <li>a flow's COMPLETED or FAILED hop is the span of that exchange (its span id, its parent: the span it continued),
 * from when it came in ({@code time − durationMillis}) to when it ended, with status ERROR when it failed;</li>
 * <li>a CALLED hop is a CLIENT span and a SENT hop a PRODUCER span under the exchange's span, for as long as the call
 * or send took;</li>
 * <li>every other hop (received, consumed, redelivered, dead-lettered, an operator's action, ...) is an instant
 * INTERNAL span under its exchange's span where it has one.</li>
 * </ul>
 * Span names: the flow (exchange spans), the kind and target otherwise ({@code CALLED partner-a:orders}).
 * Attributes carry the hop's fields under {@code conflux.*}; a captured payload is never exported.
 */
final class HopSpans {

    static final AttributeKey<String> FLOW = AttributeKey.stringKey("conflux.flow");
    static final AttributeKey<String> REVISION = AttributeKey.stringKey("conflux.flow.revision");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("conflux.route");
    static final AttributeKey<String> NODE = AttributeKey.stringKey("conflux.node");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("conflux.business_key");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("conflux.hop");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("conflux.target");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("conflux.outcome");
    static final AttributeKey<Long> WAITED = AttributeKey.longKey("conflux.waited_ms");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("conflux.attempt");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("conflux.step");
    static final AttributeKey<String> ACTOR = AttributeKey.stringKey("conflux.actor");
    static final AttributeKey<String> AUDIT = AttributeKey.stringKey("conflux.audit_id");

    private final Resource resource;
    private final InstrumentationScopeInfo scope;

    HopSpans(Resource resource, InstrumentationScopeInfo scope) {
        this.resource = resource;
        this.scope = scope;
    }

    /** The spans of the hops, in their order. */
    List<SpanData> of(List<Hop> hops) {
        List<SpanData> spans = new ArrayList<>(hops.size());
        for (Hop h : hops) {
            spans.add(span(h));
        }
        return spans;
    }

    SpanData span(Hop h) {
        long end = nanos(h);
        boolean exchange = (h.kind() == HopKind.COMPLETED || h.kind() == HopKind.FAILED) && valid(h.spanId());
        SpanContext parent;
        SpanContext self;
        long start;
        String name;
        SpanKind kind;
        if (exchange) {
            parent = context(h.traceId(), h.parentSpanId(), true);
            self = context(h.traceId(), h.spanId(), false);
            start = end - TimeUnit.MILLISECONDS.toNanos(Math.max(0, h.durationMillis()));
            name = h.flow() != null ? h.flow() : h.kind().name();
            kind = SpanKind.INTERNAL;
        } else {
            parent = context(h.traceId(), h.spanId(), true);
            self = context(h.traceId(), newSpanId(), false);
            start = end;
            if (h.durationMillis() > 0 && (h.kind() == HopKind.CALLED || h.kind() == HopKind.SENT)) {
                end = start + TimeUnit.MILLISECONDS.toNanos(h.durationMillis());
            }
            name = h.target() != null ? h.kind().name() + " " + h.target() : h.kind().name();
            kind = h.kind() == HopKind.CALLED ? SpanKind.CLIENT : h.kind() == HopKind.SENT ? SpanKind.PRODUCER
                    : SpanKind.INTERNAL;
        }
        return new HopSpan(name, kind, self, parent, status(h), start, end, attributes(h), resource, scope);
    }

    private static StatusData status(Hop h) {
        boolean failed = h.kind().failure() || h.outcome() != null && !h.outcome().equals("ok")
                && !h.outcome().equals("handled");
        return failed ? StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR,
                h.error() != null ? h.error() : h.outcome() != null ? h.outcome() : h.kind().name())
                : StatusData.unset();
    }

    /** A null value adds nothing: OpenTelemetry's builder leaves it out. */
    private static Attributes attributes(Hop h) {
        AttributesBuilder a = Attributes.builder().put(KIND, h.kind().name());
        a.put(FLOW, h.flow());
        a.put(REVISION, h.revision());
        a.put(ROUTE, h.route());
        a.put(NODE, h.node());
        a.put(KEY, h.businessKey());
        a.put(TARGET, h.target());
        a.put(OUTCOME, h.outcome());
        a.put(MESSAGE_ID, h.messageId());
        a.put(STEP, h.step());
        a.put(ACTOR, h.actor());
        a.put(AUDIT, h.auditId());
        if (h.waitedMillis() >= 0) {
            a.put(WAITED, h.waitedMillis());
        }
        if (h.attempt() > 0) {
            a.put(ATTEMPT, (long) h.attempt());
        }
        return a.build();
    }

    private static long nanos(Hop h) {
        return TimeUnit.SECONDS.toNanos(h.time().getEpochSecond()) + h.time().getNano();
    }

    private static SpanContext context(String traceId, String spanId, boolean remote) {
        if (!valid(spanId)) {
            return SpanContext.getInvalid();
        }
        return remote ? SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())
                : SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    }

    private static boolean valid(String spanId) {
        return spanId != null && SpanId.isValid(spanId);
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return SpanId.fromLong(id);
    }

    /** One exported span: what the OTLP exporter reads. */
    record HopSpan(String name, SpanKind kind, SpanContext spanContext, SpanContext parentSpanContext,
            StatusData status, long startEpochNanos, long endEpochNanos, Attributes attributes, Resource resource,
            InstrumentationScopeInfo instrumentationScopeInfo) implements SpanData {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public SpanKind getKind() {
            return kind;
        }

        @Override
        public SpanContext getSpanContext() {
            return spanContext;
        }

        @Override
        public SpanContext getParentSpanContext() {
            return parentSpanContext;
        }

        @Override
        public StatusData getStatus() {
            return status;
        }

        @Override
        public long getStartEpochNanos() {
            return startEpochNanos;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public List<EventData> getEvents() {
            return List.of();
        }

        @Override
        public List<LinkData> getLinks() {
            return List.of();
        }

        @Override
        public long getEndEpochNanos() {
            return endEpochNanos;
        }

        @Override
        public boolean hasEnded() {
            return true;
        }

        @Override
        public int getTotalRecordedEvents() {
            return 0;
        }

        @Override
        public int getTotalRecordedLinks() {
            return 0;
        }

        @Override
        public int getTotalAttributeCount() {
            return attributes.size();
        }

        @Override
        @SuppressWarnings("deprecation")
        public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
            return io.opentelemetry.sdk.common.InstrumentationLibraryInfo.create(instrumentationScopeInfo.getName(),
                    instrumentationScopeInfo.getVersion());
        }

        @Override
        public InstrumentationScopeInfo getInstrumentationScopeInfo() {
            return instrumentationScopeInfo;
        }

        @Override
        public Resource getResource() {
            return resource;
        }
    }
}
