package dev.conflux.runtime.internal;

import static dev.conflux.runtime.internal.tracing.FakeRecorder.count;
import static dev.conflux.runtime.internal.tracing.FakeRecorder.describe;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.ComponentProvider;
import dev.conflux.runtime.internal.tracing.FakeRecorder;
import dev.conflux.runtime.internal.tracing.RecorderHolder;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Flows traced in real CamelContexts built by the runtime's {@link FlowContextFactory}, on a real (in-VM) Artemis
 * broker: a REST-like entry route sends to a queue, a second flow consumes it and calls a "partner" (a connector
 * instance's component that keeps the headers it was sent) and a file endpoint.
 */
public class FlowTracingTest {

    private static EmbeddedActiveMQ broker;
    private static Path dir;

    private final FakeRecorder recorder = new FakeRecorder();
    private final RecorderHolder holder = new RecorderHolder();
    private final List<Map<String, Object>> partnerCalls = new CopyOnWriteArrayList<>();
    private final List<FlowContextFactory.CamelFlow> running = new ArrayList<>();
    private FlowContextFactory factory;

    @BeforeClass
    public static void startBroker() throws Exception {
        dir = Files.createTempDirectory("flow-tracing");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.addAcceptorConfiguration("in-vm", "vm://0");
        config.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(2).setRedeliveryDelay(0));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    @AfterClass
    public static void stopBroker() throws Exception {
        broker.stop();
    }

    private FlowContextFactory factory() throws Exception {
        if (factory == null) {
            holder.set(recorder);
            ComponentProvider partner = () -> new DefaultComponent() {
                @Override
                protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                    return new DefaultEndpoint(uri, this) {
                        @Override
                        public Producer createProducer() {
                            return new DefaultProducer(this) {
                                @Override
                                public void process(org.apache.camel.Exchange exchange) throws Exception {
                                    partnerCalls.add(new HashMap<>(exchange.getIn().getHeaders()));
                                    if (exchange.getIn().getBody(String.class).contains("refuse")) {
                                        throw new IllegalStateException("HTTP operation failed invoking"
                                                + " http://partner/orders with statusCode: 503");
                                    }
                                }
                            };
                        }

                        @Override
                        public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                            throw new UnsupportedOperationException();
                        }
                    };
                }
            };
            factory = new FlowContextFactory(getClass().getClassLoader(), Map.of("partner", partner),
                    new FlowContextFactory.Wiring(new ActiveMQConnectionFactory("vm://0"), 5, null,
                            new DeliveryFailureLog(dir.resolve("failures-" + System.nanoTime() + ".jsonl")), 1, holder));
        }
        return factory;
    }

    private FlowContextFactory.CamelFlow start(String name, String yaml, String... properties) throws Exception {
        Properties p = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        FlowContextFactory.CamelFlow flow = factory().start(Flow.fromFile(name, Path.of("/flows/" + name + ".yaml")),
                1, yaml, p);
        running.add(flow);
        return flow;
    }

    @After
    public void stopFlows() {
        running.forEach(FlowContextFactory.CamelFlow::stop);
    }

    private static String inFlow(String queue) {
        return """
                - route:
                    id: accept
                    from:
                      uri: direct:orders
                      steps:
                        - to: direct:enqueue
                - route:
                    id: enqueue
                    from:
                      uri: direct:enqueue
                      steps:
                        - to:
                            uri: jms:queue:%s
                            pattern: InOnly
                """.formatted(queue);
    }

    private String outFlow(String queue) {
        return """
                - route:
                    id: deliver
                    from:
                      uri: jms:queue:%s
                      steps:
                        - to: partner:orders
                        - to: file:%s
                """.formatted(queue, dir.resolve("outbox"));
    }

    private static Object post(FlowContextFactory.CamelFlow flow, String body, Object... headers) {
        Map<String, Object> h = new HashMap<>(Map.of("CamelHttpMethod", "POST", "CamelHttpUri", "/api/orders"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put((String) headers[i], headers[i + 1]);
        }
        ProducerTemplate template = flow.context().createProducerTemplate();
        return template.requestBodyAndHeaders("direct:orders", body, h);
    }

    private static List<Hop> of(List<Hop> hops, String traceId) {
        return hops.stream().filter(h -> h.traceId().equals(traceId)).toList();
    }

    @Test
    public void anOrderLeavesEveryHopInOrderWithItsKeyAndTheTraceReachesThePartner() throws Exception {
        FlowContextFactory.CamelFlow in = start("orders-in", inFlow("t1.orders"), "trace.businessKey", "$.orderId");
        start("orders-out", outFlow("t1.orders"));
        post(in, "{\"orderId\":\"A-1\",\"item\":\"widget\"}", "ConfluxConsumer", "shop");

        List<Hop> hops = recorder.await(h -> count(h, HopKind.COMPLETED, "orders-out") == 1
                && count(h, HopKind.COMPLETED, "orders-in") == 1);
        assertEquals(describe(hops), 7, hops.size());
        String traceId = hops.get(0).traceId();
        assertEquals(describe(hops), hops, of(hops, traceId));
        List<Hop> inHops = hops.stream().filter(h -> "orders-in".equals(h.flow())).toList();
        List<Hop> outHops = hops.stream().filter(h -> "orders-out".equals(h.flow())).toList();
        assertEquals(List.of(HopKind.RECEIVED, HopKind.SENT, HopKind.COMPLETED), inHops.stream().map(Hop::kind).toList());
        assertEquals(List.of(HopKind.CONSUMED, HopKind.CALLED, HopKind.CALLED, HopKind.COMPLETED),
                outHops.stream().map(Hop::kind).toList());

        Hop received = inHops.get(0);
        assertEquals("POST /api/orders", received.target());
        assertEquals("shop", received.actor());
        assertEquals("accept", received.route());
        assertNull("a new trace has no parent", received.parentSpanId());
        Hop sent = inHops.get(1);
        assertEquals("t1.orders", sent.target());
        assertEquals("enqueue", sent.route());
        assertEquals("ok", sent.outcome());
        assertFalse(sent.time().isAfter(outHops.get(0).time()));

        Hop consumed = outHops.get(0);
        assertEquals("t1.orders", consumed.target());
        assertEquals(1, consumed.attempt());
        assertTrue(consumed.messageId(), consumed.messageId().startsWith("ID:"));
        assertTrue(consumed.waitedMillis() >= 0);
        assertEquals("the sending span is the consumer's parent", received.spanId(), consumed.parentSpanId());
        assertNotEquals(received.spanId(), consumed.spanId());
        Hop partner = outHops.get(1);
        assertEquals("partner:orders", partner.target());
        assertEquals("ok", partner.outcome());
        assertTrue(partner.durationMillis() >= 0);
        assertTrue(outHops.get(2).target(), outHops.get(2).target().startsWith("file:"));
        assertTrue(outHops.get(3).durationMillis() >= 0);

        for (Hop h : hops) {
            assertEquals("the key travels with the trace: " + describe(List.of(h)), "A-1", h.businessKey());
            assertEquals("1", h.revision());
            assertNotNull(h.node());
            assertNull("no capture unless asked for", h.payload());
        }
        String traceparent = (String) partnerCalls.get(0).get(TraceParent.HEADER);
        assertEquals("the partner is called with the trace", traceId, TraceParent.parse(traceparent).orElseThrow().traceId());
        assertEquals(consumed.spanId(), TraceParent.parse(traceparent).orElseThrow().spanId());
    }

    @Test
    public void anIncomingTraceparentIsContinued() throws Exception {
        FlowContextFactory.CamelFlow in = start("orders-in", inFlow("t2.orders"));
        start("orders-out", outFlow("t2.orders"));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        post(in, "{\"orderId\":\"C-1\"}", TraceParent.HEADER, "00-" + traceId + "-00f067aa0ba902b7-01");

        List<Hop> hops = recorder.await(h -> count(h, HopKind.COMPLETED, "orders-out") == 1);
        assertEquals(describe(hops), hops, of(hops, traceId));
        Hop received = hops.stream().filter(h -> h.kind() == HopKind.RECEIVED).findFirst().orElseThrow();
        assertEquals("00f067aa0ba902b7", received.parentSpanId());
        assertNotEquals("00f067aa0ba902b7", received.spanId());
        assertNull("no key configured, none set", received.businessKey());
    }

    @Test
    public void aFailingStepIsRecordedWithTheStepAndTheRedeliveryFollows() throws Exception {
        FlowContextFactory.CamelFlow in = start("orders-in", inFlow("t3.orders"));
        start("orders-out", outFlow("t3.orders"));
        post(in, "{\"orderId\":\"P-1\",\"note\":\"refuse\"}", TraceParent.BUSINESS_KEY, "P-1");

        List<Hop> hops = recorder.await(h -> count(h, HopKind.FAILED, "orders-out") == 2);
        List<HopKind> out = hops.stream().filter(h -> "orders-out".equals(h.flow())).map(Hop::kind).toList();
        assertEquals(describe(hops), List.of(HopKind.CONSUMED, HopKind.CALLED, HopKind.FAILED, HopKind.REDELIVERED,
                HopKind.CALLED, HopKind.FAILED), out);
        Hop called = hops.stream().filter(h -> h.kind() == HopKind.CALLED).findFirst().orElseThrow();
        assertEquals("the partner's status", "503", called.outcome());
        Hop failed = hops.stream().filter(h -> h.kind() == HopKind.FAILED).findFirst().orElseThrow();
        assertTrue(failed.step(), failed.step().endsWith("orders-out.yaml:6"));
        assertTrue(failed.error(), failed.error().contains("statusCode: 503"));
        assertEquals(1, failed.attempt());
        assertEquals("P-1", failed.businessKey());
        Hop redelivered = hops.stream().filter(h -> h.kind() == HopKind.REDELIVERED).findFirst().orElseThrow();
        assertEquals(2, redelivered.attempt());
        assertEquals(failed.messageId(), redelivered.messageId());
        assertEquals("the key already on the message is kept", "P-1", redelivered.businessKey());
    }
}
