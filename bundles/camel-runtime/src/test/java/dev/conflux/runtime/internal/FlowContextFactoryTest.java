package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import jakarta.jms.ConnectionFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.servlet.ServletComponent;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.junit.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

public class FlowContextFactoryTest {

    /** Never asked for a connection: no route here uses JMS. */
    private final ConnectionFactory broker = (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private final FlowContextFactory factory = new FlowContextFactory(getClass().getClassLoader(), Map.of(),
            new FlowContextFactory.Wiring(broker, 7, null, null, 5, null));

    private final Flow flow = Flow.fromFile("ticks", Path.of("/flows/ticks.yaml"));

    @Test
    public void aFlowsJmsComponentUsesItsOwnConnectionWithTheConfiguredSessionCache() throws Exception {
        FlowContextFactory.CamelFlow running = factory.start(flow, 1, """
                - route:
                    from:
                      uri: timer:tick?period=60000
                      steps:
                        - setBody:
                            constant: "{{greeting}}"
                        - to: log:ticks
                """, properties("greeting", "hi"));
        try {
            JmsComponent jms = running.context().getComponent("jms", JmsComponent.class);
            CachingConnectionFactory connection = (CachingConnectionFactory) jms.getConfiguration().getConnectionFactory();
            assertEquals("sessionCacheSize of etc/conflux.broker.cfg", 7, connection.getSessionCacheSize());
            assertSame(broker, connection.getTargetConnectionFactory());
            assertTrue(jms.getConfiguration().isTransacted());
            assertEquals("ticks", running.context().getName());
            assertEquals(1, running.routes());
            assertEquals(5, running.context().getShutdownStrategy().getTimeout());
        } finally {
            running.stop();
        }
        assertTrue(running.context().isStopped());
    }

    @Test
    public void aRestResponseLeavesOutTheRuntimesOwnHeadersAndKeepsTheFlows() throws Exception {
        FlowContextFactory.CamelFlow running = factory.start(flow, 1, """
                - route:
                    from:
                      uri: timer:tick?period=60000
                      steps:
                        - to: log:ticks
                """, new Properties());
        try {
            HeaderFilterStrategy response = running.context().getComponent("servlet", ServletComponent.class)
                    .getHeaderFilterStrategy();
            for (String internal : List.of("traceparent", "Traceparent", "ConfluxBusinessKey", "ConfluxConsumer",
                    "CamelHttpUri")) {
                assertTrue(internal, response.applyFilterToCamelHeaders(internal, "x", null));
            }
            for (String kept : List.of("Location", "X-Order-Id")) {
                assertFalse(kept, response.applyFilterToCamelHeaders(kept, "x", null));
            }
        } finally {
            running.stop();
        }
    }

    @Test
    public void aStartFailureNamesTheMissingComponentForTheRedeployTrigger() throws Exception {
        try {
            factory.start(flow, 1, """
                    - route:
                        from:
                          uri: timer:tick?period=60000
                          steps:
                            - to: partner:inbox
                    """, new Properties());
        } catch (RevisionPolicy.StartFailure e) {
            assertEquals(Set.of("partner"), e.missingComponents());
            assertTrue(e.getMessage(), e.getMessage().startsWith("unknown component 'partner' in 'partner://inbox' (not"
                    + " available in this runtime, and no connector instance of that name)"));
            return;
        }
        throw new AssertionError("started without its component");
    }

    private static Properties properties(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
