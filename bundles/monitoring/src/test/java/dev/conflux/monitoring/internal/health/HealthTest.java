package dev.conflux.monitoring.internal.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthReport.Status;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Before;
import org.junit.Test;

public class HealthTest {

    private static final long MIB = 1024L * 1024L;

    /** Fakes of what the probes read, changed by each test. */
    private boolean stopping;
    private Map<String, Boolean> acceptors;
    private boolean brokerRunning;
    private BrokerState.Pair pair = BrokerState.Pair.ACTIVE;
    private Set<String> flowFiles = Set.of();
    private String servicePlane;
    private long usable;
    private List<FlowStatus> flowList;
    private Set<String> critical;
    private List<ConnectorInstance> connectorList;
    private boolean flowRuntime;
    private final AtomicInteger brokerReads = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private Health health;

    @Before
    public void setUp() {
        acceptors = new LinkedHashMap<>(Map.of("core", true, "amqp", true));
        brokerRunning = true;
        servicePlane = "http://127.0.0.1:8182/api";
        usable = 10_000 * MIB;
        flowList = new ArrayList<>(List.of(flow("orders", FlowState.STARTED), flow("audit", FlowState.STARTED)));
        critical = Set.of();
        connectorList = new ArrayList<>();
        flowRuntime = true;
        health = new Health(new Health.Sources() {
            @Override
            public boolean stopping() {
                return stopping;
            }

            @Override
            public BrokerState broker() {
                brokerReads.incrementAndGet();
                return pair == BrokerState.Pair.NONE ? BrokerState.clientOnly()
                        : new BrokerState(brokerRunning, acceptors, Path.of("/var/conflux/data/artemis/journal"), pair);
            }

            @Override
            public String servicePlane() {
                return servicePlane;
            }

            @Override
            public long usableBytes(Path dir) {
                return usable;
            }

            @Override
            public FlowService flows() {
                return flowRuntime ? fakeFlows(HealthTest.this) : null;
            }

            @Override
            public ConnectorService connectors() {
                return fakeConnectors(HealthTest.this);
            }

        }, clock::get, Duration.ofSeconds(1), 512);
    }

    @Test
    public void upWithEveryCheckInAStableOrder() {
        connectorList.add(connector("partner-b", ConnectorInstance.Status.UP));
        connectorList.add(connector("partner-a", ConnectorInstance.Status.DOWN));
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertEquals(List.of("broker", "service-plane", "disk:journal", "flow:orders", "flow:audit",
                "connector:partner-a", "connector:partner-b"), r.checks().stream().map(Check::name).toList());
        assertTrue(check(r, "broker").detail(), check(r, "broker").detail().contains("amqp, core"));
        assertTrue(check(r, "broker").decisive());
    }

    @Test
    public void aStoppedAcceptorMakesTheContainerUnready() {
        acceptors.put("core", false);
        HealthReport r = health.readiness();
        assertEquals(Status.DOWN, r.status());
        assertEquals("acceptors not accepting connections: core", check(r, "broker").detail());
    }

    @Test
    public void aBrokerThatIsNotRunningMakesTheContainerUnready() {
        brokerRunning = false;
        assertEquals(Status.DOWN, health.readiness().status());
    }

    @Test
    public void onANodeOfAClusterThePassiveBrokerOfThePairDoesNotMakeTheNodeUnready() {
        // A passive backup has its acceptors closed until it takes over; the node's flows use the active broker.
        acceptors.replaceAll((name, started) -> false);
        pair = BrokerState.Pair.PASSIVE_IN_SYNC;
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertFalse(check(r, "broker").decisive());
        assertTrue(check(r, "broker").detail(), check(r, "broker").detail().contains("replica in sync"));
        pair = BrokerState.Pair.PASSIVE_SYNCING;
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(health.readiness().checks().get(0).detail().contains("copying"));
    }

    @Test
    public void aClientOnlyNodeIsReadyWithoutABrokerOfItsOwn() {
        pair = BrokerState.Pair.NONE;
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertTrue(check(r, "broker").detail(), check(r, "broker").detail().startsWith("client-only node"));
        assertFalse("no journal to watch without a broker",
                r.checks().stream().anyMatch(c -> c.name().equals("disk:journal")));
        flowList.set(0, flow("orders", FlowState.FAILED));
        critical = Set.of("orders");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals("a critical flow still decides", Status.DOWN, health.readiness().status());
    }

    @Test
    public void afterAStartTheNodeIsNotReadyUntilTheFlowsOfItsFlowsDirectoryAreDeployedButALaterFlowDoesNotMatter() {
        // Just after a start a load balancer must not send requests for flows that are not deployed yet.
        flowFiles = Set.of("orders", "audit", "billing");
        HealthReport r = health.readiness();
        assertEquals(Status.DOWN, r.status());
        assertEquals("flow files not deployed yet: billing", check(r, "flows").detail());
        flowList.add(flow("billing", FlowState.FAILED));
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals("a flow that failed is deployed (and decisive only when critical)", Status.UP,
                health.readiness().status());
        // A flow dropped later (with a shared directory: on every node at once) does not take the nodes out.
        flowFiles = Set.of("orders", "audit", "billing", "late");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Status.UP, health.readiness().status());
    }

    @Test
    public void aBrokerWithoutAcceptorsIsNotAccepting() {
        acceptors.clear();
        assertEquals(Status.DOWN, health.readiness().status());
    }

    @Test
    public void aStoppedFlowIsDecisiveOnlyWhenCritical() {
        flowList.set(0, flow("orders", FlowState.STOPPED));
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertEquals(Status.DOWN, check(r, "flow:orders").status());
        assertFalse(check(r, "flow:orders").decisive());

        critical = Set.of("orders");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        r = health.readiness();
        assertEquals(Status.DOWN, r.status());
        assertTrue(check(r, "flow:orders").decisive());
        assertTrue(check(r, "flow:orders").detail(), check(r, "flow:orders").detail().startsWith("STOPPED"));
        assertTrue(check(r, "flow:orders").detail().endsWith("(critical)"));
    }

    @Test
    public void aCriticalFlowThatIsNotDeployedMakesTheContainerUnready() {
        critical = Set.of("orders", "billing");
        HealthReport r = health.readiness();
        assertEquals(Status.DOWN, r.status());
        assertEquals("not deployed (critical)", check(r, "flow:billing").detail());
        assertTrue(check(r, "flow:billing").decisive());
        assertEquals(Status.UP, check(r, "flow:orders").status());
    }

    @Test
    public void aStartedCriticalFlowIsUp() {
        critical = Set.of("orders");
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertTrue(check(r, "flow:orders").decisive());
        assertTrue(check(r, "flow:orders").detail(), check(r, "flow:orders").detail().startsWith("STARTED revision 1, up"));
    }

    @Test
    public void withoutTheFlowRuntimeNoFlowRunsAndTheContainerIsUnready() {
        flowRuntime = false;
        HealthReport r = health.readiness();
        assertEquals(Status.DOWN, r.status());
        assertEquals("the flow runtime is not running", check(r, "flows").detail());
    }

    @Test
    public void connectorsAndTheServicePlaneAndTheDiskAreNeverDecisive() {
        connectorList.add(connector("partner-a", ConnectorInstance.Status.INVALID));
        servicePlane = null;
        usable = 100 * MIB;
        HealthReport r = health.readiness();
        assertEquals(Status.UP, r.status());
        assertEquals(Status.DOWN, check(r, "connector:partner-a").status());
        assertEquals(Status.DOWN, check(r, "service-plane").status());
        assertEquals(Status.DOWN, check(r, "disk:journal").status());
        assertEquals("100 MiB free at /var/conflux/data/artemis/journal (minimum 512 MiB)", check(r, "disk:journal").detail());
    }

    @Test
    public void theDiskThresholdIsConfigurable() {
        usable = 300 * MIB;
        assertEquals(Status.DOWN, check(health.readiness(), "disk:journal").status());
        health.minFreeDiskMb(256);
        assertEquals(Status.UP, check(health.readiness(), "disk:journal").status());
        usable = -1;
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Status.DOWN, check(health.readiness(), "disk:journal").status());
    }

    @Test
    public void aReportIsReusedForOneSecond() {
        HealthReport first = health.readiness();
        acceptors.put("core", false);
        clock.addAndGet(Duration.ofMillis(900).toNanos());
        assertSame(first, health.readiness());
        assertEquals(1, brokerReads.get());
        clock.addAndGet(Duration.ofMillis(100).toNanos());
        assertEquals(Status.DOWN, health.readiness().status());
        assertEquals(2, brokerReads.get());
    }

    @Test
    public void livenessIsTheContainer() {
        brokerRunning = false;
        HealthReport r = health.liveness();
        assertEquals(Status.UP, r.status());
        assertEquals(List.of("container"), r.checks().stream().map(Check::name).toList());
        stopping = true;
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Status.DOWN, health.liveness().status());
    }

    @Test
    public void detailsNameNoJavaClass() {
        connectorList.add(connector("partner-a", ConnectorInstance.Status.UNKNOWN));
        flowList.add(new FlowStatus("broken", "file:/x/broken.yaml", 2, FlowState.FAILED, null, 0, 0, 0, 0, 0,
                "broken.yaml line 3", Instant.now()));
        for (Check c : health.readiness().checks()) {
            assertFalse(c.detail(), c.detail().matches(".*\\b(java|org|dev)\\.[a-z]+\\..*"));
        }
        assertEquals("file connector not checked yet", check(health.readiness(), "connector:partner-a").detail());
    }

    // ---- fakes -------------------------------------------------------------------------------------------------

    private static Check check(HealthReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    private static FlowStatus flow(String name, FlowState state) {
        return new FlowStatus(name, "bundle:x", 1, state, state == FlowState.STARTED ? Instant.now() : null, 0, 0, 0,
                0, 0, null, null);
    }

    private static ConnectorInstance connector(String name, ConnectorInstance.Status status) {
        return new ConnectorInstance(name, "file", status, status == ConnectorInstance.Status.UP ? null : "no such directory",
                status == ConnectorInstance.Status.UNKNOWN ? null : Instant.now(), "etc", null, Map.of());
    }

    /** FlowService answering list(), critical() and flowFilesNotDeployed() from the test's fields; anything else is not expected. */
    private static FlowService fakeFlows(HealthTest t) {
        return (FlowService) Proxy.newProxyInstance(FlowService.class.getClassLoader(), new Class<?>[] {FlowService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> List.copyOf(t.flowList);
                    case "criticalFlows" -> t.critical;
                    case "flowFilesNotDeployed" -> {
                        Set<String> pending = new java.util.TreeSet<>(t.flowFiles);
                        t.flowList.forEach(f -> pending.remove(f.name()));
                        yield pending;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ConnectorService fakeConnectors(HealthTest t) {
        return (ConnectorService) Proxy.newProxyInstance(ConnectorService.class.getClassLoader(),
                new Class<?>[] {ConnectorService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> List.copyOf(t.connectorList);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
