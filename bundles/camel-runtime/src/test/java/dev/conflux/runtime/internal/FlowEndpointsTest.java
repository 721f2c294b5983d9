package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowEndpoint.Origin;
import jakarta.jms.ConnectionFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.ProducerTemplate;
import org.junit.Test;

public class FlowEndpointsTest {

    private final ConnectionFactory broker = (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private final FlowContextFactory factory = new FlowContextFactory(getClass().getClassLoader(), Map.of(),
            new FlowContextFactory.Wiring(broker, 7, null, null, 5, null));

    /** As the runtime's validator is made: a factory without wiring. */
    private final FlowValidator validator = new FlowValidator(
            new FlowContextFactory(getClass().getClassLoader(), Map.of(), null));

    private static final String ORDERS = """
            - rest:
                path: /orders
                post:
                  - path: /{id}/lines
                    consumes: application/json
                    type: com.example.Line
                    to: direct:line
            - route:
                id: take
                description: Takes partner orders
                group: partner
                from:
                  uri: jms:queue:{{in}}
                  steps:
                    - choice:
                        when:
                          - simple: ${header.big}
                            steps:
                              - to: jms:queue:orders.big
                        otherwise:
                          steps:
                            - to: jms:queue:partner.out?username=app&password=s3cret
                    - wireTap:
                        uri: jms:queue:audit
                    - toD:
                        uri: jms:queue:region-${header.region}
                    - toD:
                        uri: jms:queue:archive?priority=${header.level}
                    - enrich:
                        constant: direct:stock
            - route:
                id: line
                from:
                  uri: direct:line
                  steps:
                    - to: log:lines
            - route:
                id: stock
                from:
                  uri: direct:stock
                  steps:
                    - setBody:
                        constant: "7"
            """;

    @Test
    public void everyEndpointIsReadFromTheModelWithPlaceholdersResolvedAndSecretsMasked() {
        Properties properties = new Properties();
        properties.setProperty("in", "partner.in");
        FlowValidator.Validation v = validator.check("/flows/orders.yaml", ORDERS, properties);
        assertEquals(List.of(), v.problems());
        List<FlowEndpoint> read = v.read().endpoints();
        assertTrue(read.toString(), read.contains(new FlowEndpoint(Direction.IN, "rest:post:/orders/{id}/lines",
                Origin.STATIC, "", "request com.example.Line; consumes application/json")));
        assertTrue(read.toString(), read.contains(new FlowEndpoint(Direction.IN, "jms:queue:partner.in", Origin.STATIC,
                "take", "Takes partner orders")));
        assertEquals("the REST operation, not the route Camel made of it", 1,
                read.stream().filter(e -> e.direction() == Direction.IN && e.uri().startsWith("rest")).count());
        List<String> outs = read.stream().filter(e -> e.direction() == Direction.OUT).map(e -> e.origin() + " " + e.uri())
                .toList();
        assertTrue(outs.toString(), outs.contains("STATIC jms:queue:orders.big"));
        assertTrue(outs.toString(), outs.contains("STATIC jms:queue:audit"));
        assertTrue(outs.toString(), outs.contains("DYNAMIC jms:queue:region-${header.region}"));
        assertTrue("only its options computed", outs.contains("STATIC jms:queue:archive"));
        assertTrue(outs.toString(), outs.contains("STATIC direct:stock"));
        assertTrue(outs.toString(), outs.contains("STATIC log:lines"));
        String partner = outs.stream().filter(o -> o.contains("partner.out")).findFirst().orElseThrow();
        assertTrue(partner, partner.contains("password=xxxxxx") && !partner.contains("s3cret"));
        assertEquals(Map.of("description", "Takes partner orders", "tags", "partner"), v.read().declared());
    }

    @Test
    public void aDynamicTargetIsLearnedOnceTheRunningFlowHasSentToIt() throws Exception {
        Flow flow = Flow.fromFile("router", Path.of("/flows/router.yaml"));
        FlowContextFactory.CamelFlow running = factory.start(flow, 1, """
                - route:
                    from:
                      uri: direct:in
                      steps:
                        - toD: log:region-${body}
                """, new Properties());
        try {
            assertEquals(List.of(), running.endpoints().endpoints().stream()
                    .filter(e -> e.origin() == Origin.LEARNED).toList());
            try (ProducerTemplate producer = running.context().createProducerTemplate()) {
                producer.sendBody("direct:in", "north");
            }
            List<String> learned = running.endpoints().endpoints().stream().filter(e -> e.origin() == Origin.LEARNED)
                    .map(FlowEndpoint::uri).toList();
            assertEquals(List.of("log://region-north"), learned);
        } finally {
            running.stop();
        }
    }
}
