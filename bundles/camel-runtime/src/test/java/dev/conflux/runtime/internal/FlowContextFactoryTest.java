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
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
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
    public void aFlowCountsPerFlowAndRouteAndPerStepOnlyWhenAsked() throws Exception {
        String yaml = """
                - route:
                    id: count
                    from:
                      uri: direct:in
                      steps:
                        - setBody:
                            id: stamp
                            constant: counted
                        - to: log:counted?level=DEBUG
                """;
        for (ManagementStatisticsLevel level : List.of(ManagementStatisticsLevel.RoutesOnly,
                ManagementStatisticsLevel.Default)) {
            FlowContextFactory counting = new FlowContextFactory(getClass().getClassLoader(), Map.of(),
                    new FlowContextFactory.Wiring(broker, 7, null, null, 5, null, level));
            Flow counted = Flow.fromFile("counted-" + level, Path.of("/flows/counted.yaml"));
            FlowContextFactory.CamelFlow running = counting.start(counted, 1, yaml, new Properties());
            try {
                running.context().createProducerTemplate().sendBody("direct:in", "x");
                running.context().createProducerTemplate().sendBody("direct:in", "y");
                assertEquals(level + ": the flow's count", 2, FlowStats.of(running.context()).total());
                ManagedCamelContext managed = running.context().getCamelContextExtension()
                        .getContextPlugin(ManagedCamelContext.class);
                assertEquals(level + ": the route's count", 2, managed.getManagedRoute("count").getExchangesTotal());
                ManagedProcessorMBean step = managed.getManagedProcessor("stamp");
                if (level == ManagementStatisticsLevel.RoutesOnly) {
                    // The step is still listed (Camel registers its MBean), but nothing is counted on it.
                    assertEquals("no counting on each step unless asked", 0, step.getExchangesTotal());
                } else {
                    assertEquals("each step counted when asked", 2, step.getExchangesTotal());
                }
            } finally {
                running.stop();
            }
        }
        assertEquals(ManagementStatisticsLevel.RoutesOnly, FlowManager.statisticsLevel("routes"));
        assertEquals(ManagementStatisticsLevel.Default, FlowManager.statisticsLevel(" Processors "));
        assertEquals("an unknown value counts per route", ManagementStatisticsLevel.RoutesOnly,
                FlowManager.statisticsLevel("all"));
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
                    "CamelHttpUri", "Authorization", "Cookie", "User-Agent", "Accept", "Host", "X-Forwarded-For")) {
                assertTrue(internal, response.applyFilterToCamelHeaders(internal, "x", null));
            }
            for (String kept : List.of("Location", "X-Order-Id", "ETag", "Set-Cookie")) {
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
