package dev.conflux.tracingotlp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class HopSpansTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER = "00f067aa0ba902b7";
    static final String EXCHANGE = "a3ce929d0e0e4736";
    static final Instant T0 = Instant.parse("2026-12-02T10:32:00.250Z");

    private final HopSpans spans = new HopSpans(Resource.empty(), InstrumentationScopeInfo.create("test"));

    static Hop.Builder hop(HopKind kind, long millisAfterT0) {
        return Hop.of(TRACE, kind).span(EXCHANGE, CALLER).time(T0.plusMillis(millisAfterT0)).node("n1")
                .flow("orders-in", "3").route("orders").businessKey("A-1");
    }

    static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    @Test
    public void anExchangeIsOneSpanFromWhenItCameInToWhenItCompletedUnderTheCallersSpan() {
        SpanData s = spans.span(hop(HopKind.COMPLETED, 40).durationMillis(40).outcome("ok").build());
        assertEquals(TRACE, s.getTraceId());
        assertEquals(EXCHANGE, s.getSpanId());
        assertEquals(CALLER, s.getParentSpanId());
        assertTrue(s.getParentSpanContext().isRemote());
        assertEquals("orders-in", s.getName());
        assertEquals(nanos(T0), s.getStartEpochNanos());
        assertEquals(nanos(T0.plusMillis(40)), s.getEndEpochNanos());
        assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
        assertEquals("A-1", s.getAttributes().get(HopSpans.KEY));
        assertEquals("3", s.getAttributes().get(HopSpans.REVISION));
        assertEquals("COMPLETED", s.getAttributes().get(HopSpans.KIND));
    }

    @Test
    public void aCallIsAClientSpanUnderItsExchangeForAsLongAsItTookAndAFailedOneIsAnError() {
        SpanData call = spans.span(hop(HopKind.CALLED, 10).target("partner-a:orders").durationMillis(25)
                .outcome("503").build());
        assertEquals(SpanKind.CLIENT, call.getKind());
        assertEquals("CALLED partner-a:orders", call.getName());
        assertEquals(EXCHANGE, call.getParentSpanId());
        assertNotEquals(EXCHANGE, call.getSpanId());
        assertEquals(nanos(T0.plusMillis(35)) - nanos(T0.plusMillis(10)), call.getEndEpochNanos() - call.getStartEpochNanos());
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals("503", call.getStatus().getDescription());

        SpanData sent = spans.span(hop(HopKind.SENT, 12).target("orders.out").durationMillis(1).outcome("ok").build());
        assertEquals(SpanKind.PRODUCER, sent.getKind());
        assertEquals(StatusCode.UNSET, sent.getStatus().getStatusCode());
    }

    @Test
    public void aFailureCarriesItsStepAndMessageAndOtherHopsAreInstantSpans() {
        SpanData failed = spans.span(hop(HopKind.FAILED, 30).durationMillis(30).outcome("failed")
                .failure("validate (to) at orders.yaml:12", "quantity must be positive").build());
        assertEquals(EXCHANGE, failed.getSpanId());
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
        assertEquals("quantity must be positive", failed.getStatus().getDescription());
        assertEquals("validate (to) at orders.yaml:12", failed.getAttributes().get(HopSpans.STEP));

        SpanData dlq = spans.span(Hop.of(TRACE, HopKind.DEAD_LETTERED).time(T0).target("DLQ.orders").attempt(3).build());
        assertEquals("DEAD_LETTERED DLQ.orders", dlq.getName());
        assertEquals(dlq.getStartEpochNanos(), dlq.getEndEpochNanos());
        assertFalse("a broker hop without a span has no parent", dlq.getParentSpanContext().isValid());
        assertEquals(Long.valueOf(3), dlq.getAttributes().get(HopSpans.ATTEMPT));
        assertEquals("kind, target and attempt; no empty attributes for what the hop lacks", 3,
                dlq.getAttributes().size());
        assertEquals(StatusCode.ERROR, dlq.getStatus().getStatusCode());
    }

    @Test
    public void aCapturedPayloadIsNeverExported() {
        SpanData s = spans.span(hop(HopKind.RECEIVED, 0).target("POST /api/orders").payload("{\"card\":\"***\"}").build());
        s.getAttributes().forEach((k, v) -> assertFalse(k.getKey(), String.valueOf(v).contains("card")));
        assertNull(s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("conflux.payload")));
        assertEquals(List.of(), s.getEvents());
    }
}
