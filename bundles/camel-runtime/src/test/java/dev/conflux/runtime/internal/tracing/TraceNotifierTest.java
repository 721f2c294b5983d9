package dev.conflux.runtime.internal.tracing;

import static dev.conflux.runtime.internal.tracing.FakeRecorder.count;
import static dev.conflux.runtime.internal.tracing.FakeRecorder.describe;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.internal.FailedStepRecorder;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Test;

/** The notifier in a real CamelContext with in-memory routes: business keys, capture, sub-routes, no recorder. */
public class TraceNotifierTest {

    private final FakeRecorder recorder = new FakeRecorder();
    private final RecorderHolder holder = new RecorderHolder();
    private DefaultCamelContext context;
    private Path outbox;

    @After
    public void stop() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    /** Route {@code in}: direct:in, a seda sub-route, then sets the reply; {@code keyed} sets the key itself. */
    private void start(String... properties) throws Exception {
        Properties p = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        outbox = Files.createTempDirectory("trace-outbox");
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("shop");
        context.getShutdownStrategy().setTimeout(1);
        context.getManagementStrategy().addEventNotifier(TraceNotifier.of("shop", 4, p, context, holder));
        context.getCamelContextExtension().addInterceptStrategy(new FailedStepRecorder());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("in")
                        .to("direct:check")
                        .to("seda:audit?waitForTaskToComplete=Always")
                        .setBody(constant("accepted"));
                from("direct:check").routeId("check").filter(body().contains("boom")).throwException(
                        new IllegalArgumentException("Invalid order: no item")).end();
                from("seda:audit").routeId("audit").log("audit ${body}");
                from("direct:strip").routeId("strip")
                        .removeHeaders("*")
                        .to("file:" + outbox)
                        .setBody(header(TraceParent.HEADER));
                from("direct:keyed").routeId("keyed")
                        .setHeader(TraceParent.BUSINESS_KEY, simple("${header.orderNo}"))
                        .setBody(constant("ok"));
            }
        });
        context.start();
    }

    private Object send(String uri, String body, Object... headers) {
        Map<String, Object> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put((String) headers[i], headers[i + 1]);
        }
        return context.createProducerTemplate().requestBodyAndHeaders(uri, body, h);
    }

    private List<Hop> oneExchange() throws InterruptedException {
        return recorder.await(h -> count(h, HopKind.COMPLETED, null) + count(h, HopKind.FAILED, null) >= 1);
    }

    private String keyOf(String body, String... properties) throws Exception {
        start(properties);
        holder.set(recorder);
        send("direct:in", body, "OrderId", "H-7", "orderNo", "S-8");
        List<Hop> hops = oneExchange();
        assertEquals(describe(hops), 1, hops.stream().map(Hop::businessKey).distinct().count());
        return hops.get(0).businessKey();
    }

    @Test
    public void aBusinessKeyByJsonPathXPathHeaderOrSimple() throws Exception {
        assertEquals("J-1", keyOf("{\"order\":{\"id\":\"J-1\"}}", "trace.businessKey", "$.order.id"));
        stop();
        recorder.hops.clear();
        assertEquals("X-2", keyOf("<order><id>X-2</id></order>", "trace.businessKey", "/order/id"));
        stop();
        recorder.hops.clear();
        assertEquals("H-7", keyOf("anything", "trace.businessKey", "header:OrderId"));
        stop();
        recorder.hops.clear();
        assertEquals("S-8", keyOf("anything", "trace.businessKey", "${header.orderNo}"));
    }

    @Test
    public void anExpressionThatFailsGivesNoKeyAndTheExchangeGoesOn() throws Exception {
        start("trace.businessKey", "$.orderId");
        holder.set(recorder);
        assertEquals("accepted", send("direct:in", "not json at all"));
        assertEquals("accepted", send("direct:in", "{\"other\":1}"));
        List<Hop> hops = recorder.await(h -> count(h, HopKind.COMPLETED, null) == 2);
        assertTrue(describe(hops), hops.stream().allMatch(h -> h.businessKey() == null));
    }

    @Test
    public void aKeyOnTheIncomingMessageIsKeptAndAKeyTheFlowSetsReachesItsFirstHop() throws Exception {
        start("trace.businessKey", "$.orderId");
        holder.set(recorder);
        send("direct:in", "{\"orderId\":\"body-key\"}", TraceParent.BUSINESS_KEY, "K-1");
        assertTrue(oneExchange().stream().allMatch(h -> "K-1".equals(h.businessKey())));
        recorder.hops.clear();
        send("direct:keyed", "x", "orderNo", "F-9");
        List<Hop> hops = oneExchange();
        assertEquals(List.of(HopKind.RECEIVED, HopKind.COMPLETED), hops.stream().map(Hop::kind).toList());
        assertTrue(describe(hops), hops.stream().allMatch(h -> "F-9".equals(h.businessKey())));
    }

    @Test
    public void subRoutesMakeNoHopsOfTheirOwn() throws Exception {
        start();
        holder.set(recorder);
        send("direct:in", "order");
        List<Hop> hops = oneExchange();
        assertEquals(describe(hops), List.of(HopKind.RECEIVED, HopKind.COMPLETED), hops.stream().map(Hop::kind).toList());
        assertEquals("shop", hops.get(0).flow());
        assertEquals("4", hops.get(0).revision());
        assertEquals("direct:in", hops.get(0).target());
    }

    @Test
    public void aTraceparentAFlowRemovedIsPutBackBeforeItCallsOut() throws Exception {
        start();
        holder.set(recorder);
        Object sentWith = send("direct:strip", "order");
        List<Hop> hops = oneExchange();
        assertEquals(describe(hops), List.of(HopKind.RECEIVED, HopKind.CALLED, HopKind.COMPLETED),
                hops.stream().map(Hop::kind).toList());
        assertEquals(hops.get(0).traceId(), TraceParent.parse((String) sentWith).orElseThrow().traceId());
        assertTrue(hops.get(1).target(), hops.get(1).target().startsWith("file:"));
    }

    @Test
    public void aFailedExchangeEndsWithItsFailingStep() throws Exception {
        start();
        holder.set(recorder);
        try {
            send("direct:in", "boom");
        } catch (RuntimeException expected) {
            // the caller sees the failure; the trace records it
        }
        List<Hop> hops = oneExchange();
        assertEquals(describe(hops), List.of(HopKind.RECEIVED, HopKind.FAILED), hops.stream().map(Hop::kind).toList());
        Hop failed = hops.get(1);
        assertEquals("Invalid order: no item", failed.error());
        assertTrue(failed.step(), failed.step().contains("throwException"));
        assertEquals("check", failed.route());
    }

    @Test
    public void capturedBodiesAreMaskedAndOnlyTheEntryHopCarriesOne() throws Exception {
        start("trace.capture", "true", "trace.mask", "$.card.number, $.password");
        holder.set(recorder);
        send("direct:in", "{\"orderId\":\"M-1\",\"card\":{\"number\":\"4111111111111111\",\"holder\":\"Ann\"},"
                + "\"password\":\"s3cret\"}");
        List<Hop> hops = oneExchange();
        String payload = hops.get(0).payload();
        assertTrue(payload, payload.contains("Ann") && payload.contains("M-1") && payload.contains("***"));
        assertFalse(payload, payload.contains("4111111111111111") || payload.contains("s3cret"));
        assertNull(hops.get(1).payload());
    }

    @Test
    public void withoutARecorderOrWithAFailingOneTheFlowRunsTheSame() throws Exception {
        start("trace.businessKey", "$.orderId");
        assertEquals("no recorder", "accepted", send("direct:in", "{\"orderId\":\"N-1\"}"));
        recorder.throwing = true;
        holder.set(recorder);
        assertEquals("a recorder that throws", "accepted", send("direct:in", "{\"orderId\":\"N-2\"}"));
        recorder.throwing = false;
        recorder.enabled = false;
        assertEquals("tracing switched off", "accepted", send("direct:in", "{\"orderId\":\"N-3\"}"));
        assertTrue(describe(recorder.hops), recorder.hops.isEmpty());

        recorder.enabled = true; // a recorder coming (back) is used at once, without a restart of the flow
        send("direct:in", "{\"orderId\":\"N-4\"}");
        assertEquals("N-4", oneExchange().get(0).businessKey());
        holder.unset(recorder);
        recorder.hops.clear();
        assertEquals("accepted", send("direct:in", "{\"orderId\":\"N-5\"}"));
        assertTrue(describe(recorder.hops), recorder.hops.isEmpty());
    }
}
