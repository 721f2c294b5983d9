package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import jakarta.jms.ConnectionFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.ServiceReference;

/**
 * Two nodes of a cluster (two factories with their own node names, one shared lock directory) start the same
 * singleton flow: its route runs on one of them only, and on the other once the first is gone.
 */
public class SingletonsTest {

    @Rule
    public final TemporaryFolder shared = new TemporaryFolder();

    private static final String TICKS = """
            - route:
                id: ticks
                from:
                  uri: timer:tick?period=200
                  steps:
                    - to: log:ticks?level=DEBUG
            """;

    private final ConnectionFactory broker = (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private FlowContextFactory node(String name, Path locks) {
        return new FlowContextFactory(getClass().getClassLoader(), Map.of(),
                new FlowContextFactory.Wiring(broker, 2, null, null, 5, null), new Singletons(name, locks));
    }

    private static Properties singleton(String value) {
        Properties p = new Properties();
        p.setProperty(Singletons.PROPERTY, value);
        return p;
    }

    @Test
    public void aSingletonFlowRunsOnOneNodeAtATimeAndMovesWhenItsNodeGoesAway() throws Exception {
        Path locks = shared.getRoot().toPath().resolve("locks");
        Flow flow = Flow.fromFile("ticks", Path.of("/flows/ticks.yaml"));
        FlowContextFactory.CamelFlow a = node("a", locks).start(flow, 1, TICKS, singleton("true"));
        FlowContextFactory.CamelFlow b = node("b", locks).start(flow, 1, TICKS, singleton(" TRUE "));
        try {
            await("one of the two nodes leads the flow", () -> running(a) || running(b));
            // A while later still exactly one: the follower does not start the route beside the leader.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue("exactly one node runs the singleton flow", running(a) ^ running(b));
                Thread.sleep(100);
            }
            FlowContextFactory.CamelFlow leader = running(a) ? a : b;
            FlowContextFactory.CamelFlow follower = leader == a ? b : a;
            leader.stop();
            await("the other node takes the flow over", () -> running(follower));
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    public void aFlowThatIsNotASingletonRunsOnEveryNode() throws Exception {
        Path locks = shared.getRoot().toPath().resolve("locks");
        Flow flow = Flow.fromFile("ticks", Path.of("/flows/ticks.yaml"));
        FlowContextFactory.CamelFlow a = node("a", locks).start(flow, 1, TICKS, singleton("false"));
        FlowContextFactory.CamelFlow b = node("b", locks).start(flow, 1, TICKS, new Properties());
        try {
            assertTrue(running(a) && running(b));
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    public void aSingletonFlowOnAClusterWithoutASharedDirectorySaysWhatToSet() {
        Flow flow = Flow.fromFile("ticks", Path.of("/flows/ticks.yaml"));
        Exception e = assertThrows(Exception.class, () -> node("a", null).start(flow, 1, TICKS, singleton("true")));
        assertTrue(e.getMessage(), e.getMessage().contains("flow 'ticks' is a singleton")
                && e.getMessage().contains("shared.dir in etc/conflux.cluster.cfg"));
    }

    @Test
    public void outsideAClusterASingletonFlowSimplyRuns() throws Exception {
        Flow flow = Flow.fromFile("ticks", Path.of("/flows/ticks.yaml"));
        FlowContextFactory.CamelFlow alone = node("", null).start(flow, 1, TICKS, singleton("true"));
        try {
            assertEquals(ServiceStatus.Started, alone.context().getRouteController().getRouteStatus("ticks"));
        } finally {
            alone.stop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aBundleFlowDeclaresItselfASingletonOnItsServiceAndItsConfigurationHasTheLastWord() {
        Map<String, Object> service = Map.of("conflux.flow.singleton", "true");
        Flow flow = Flow.fromBundle("ticks", "bundle:dev.example.ticks/1.0.0",
                (ServiceReference<RoutesBuilder>) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {ServiceReference.class}, (p, m, args) -> m.getName().equals("getProperty")
                                ? service.get((String) args[0]) : null), null);
        assertTrue(Singletons.isSingleton(FlowContextFactory.singletonProperties(flow, new Properties())));
        assertTrue(!Singletons.isSingleton(FlowContextFactory.singletonProperties(flow, singleton("false"))));
    }

    private static boolean running(FlowContextFactory.CamelFlow flow) {
        return flow.context().getRouteController().getRouteStatus("ticks") == ServiceStatus.Started;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
