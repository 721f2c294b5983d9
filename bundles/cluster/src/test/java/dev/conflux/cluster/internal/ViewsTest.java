package dev.conflux.cluster.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.cluster.api.ClusterView;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ViewsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SHA_1 = "1111111111111111aaaa";
    private static final String SHA_2 = "2222222222222222bbbb";

    private final ClusterDefinition definition = ClusterDefinition.of(new Hashtable<>(Map.of(
            "nodes", "a, b, c",
            "node.a.host", "10.0.0.1", "node.a.broker", "primary",
            "node.b.host", "10.0.0.2", "node.b.broker", "backup",
            "node.c.host", "10.0.0.3", "node.c.broker", "none",
            "status.seconds", "5")));

    private static NodeReport report(String node, String broker, int secondsAgo, NodeReport.FlowReport... flows) {
        return new NodeReport(node, broker, "UP", NOW.minusSeconds(3600), NOW.minusSeconds(secondsAgo), List.of(flows));
    }

    private static NodeReport.FlowReport flow(String name, String sha, int revision) {
        return new NodeReport.FlowReport(name, sha, revision, "STARTED");
    }

    @Test
    public void aHealthyClusterHasNoProblemsAndComparesFlowsByContentNotByRevisionNumber() {
        ClusterView v = Views.of(definition, "a", Map.of(
                "a", report("a", "active", 1, flow("orders", SHA_1, 3)),
                "b", report("b", "passive (in sync)", 2, flow("orders", SHA_1, 1)),
                "c", report("c", "none", 4, flow("orders", SHA_1, 7))), NOW);
        assertEquals(List.of(), v.problems());
        assertEquals(List.of("a", "b", "c"), v.nodes().stream().map(ClusterView.Node::name).toList());
        assertEquals(List.of("up", "up", "up"), v.nodes().stream().map(ClusterView.Node::state).toList());
        assertEquals("none", v.nodes().get(2).defined());
        ClusterView.Flow orders = v.flows().get(0);
        assertTrue(orders.same());
        assertEquals("111111111111 (revision 7, STARTED)", orders.revisions().get("c"));
    }

    @Test
    public void aNodeRunningOtherContentOrLackingAFlowIsNamed() {
        ClusterView v = Views.of(definition, "a", Map.of(
                "a", report("a", "active", 1, flow("orders", SHA_1, 3), flow("audit", SHA_1, 1)),
                "b", report("b", "passive (in sync)", 2, flow("orders", SHA_1, 3), flow("audit", SHA_1, 1)),
                "c", report("c", "none", 1, flow("orders", SHA_2, 2))), NOW);
        assertFalse(v.flows().get(1).same());
        assertEquals("missing", v.flows().get(0).revisions().get("c"));
        assertEquals(List.of("flow audit is missing on node c",
                "flow orders differs on node c: it runs 222222222222, most nodes run 111111111111"), v.problems());
    }

    @Test
    public void aSilentNodeIsDownAndItsFlowsAreNotCompared() {
        ClusterView v = Views.of(definition, "b", Map.of(
                "b", report("b", "active", 1, flow("orders", SHA_1, 1)),
                "c", report("c", "none", 16, flow("orders", SHA_2, 1))), NOW);
        assertEquals("never seen", v.nodes().get(0).state());
        assertEquals("down", v.nodes().get(2).state());
        assertTrue(v.flows().get(0).same());
        assertEquals(List.of("node a has not reported (never started, or cannot reach the broker pair)",
                "node c is down: last seen 16 s ago"), v.problems());
    }

    @Test
    public void twoActiveBrokersOrNoneAreProblems() {
        assertEquals(List.of("more than one active broker: a, b"), Views.of(definition, "a", Map.of(
                "a", report("a", "active", 1), "b", report("b", "active", 1), "c", report("c", "none", 1)), NOW)
                .problems());
        assertEquals(List.of("no broker of the pair is active"), Views.of(definition, "a", Map.of(
                "a", report("a", "passive (synchronising)", 1), "b", report("b", "passive (in sync)", 1),
                "c", report("c", "none", 1)), NOW).problems());
    }

    @Test
    public void anUndefinedNodeThatReportsIsShownAndNamed() {
        ClusterView v = Views.of(definition, "a", Map.of(
                "a", report("a", "active", 1), "b", report("b", "passive (in sync)", 1), "c", report("c", "none", 1),
                "x", report("x", "none", 1)), NOW);
        assertEquals("not in the definition", v.nodes().get(3).defined());
        assertEquals(List.of("node x reports to the cluster but is not in etc/conflux.cluster.cfg"), v.problems());
    }

    @Test
    public void aBadReportingIntervalSaysWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterDefinition.of(
                new Hashtable<>(Map.of("nodes", "a", "status.seconds", "five"))));
        assertEquals("status.seconds = 'five' in etc/conflux.cluster.cfg must be a whole number of seconds", e.getMessage());
    }

    @Test
    public void reportsSurviveTheirJsonForm() throws Exception {
        NodeReport r = report("a", "active", 1, flow("orders", SHA_1, 3));
        assertEquals(r, StatusQueue.JSON.readValue(StatusQueue.JSON.writeValueAsString(r), NodeReport.class));
    }
}
