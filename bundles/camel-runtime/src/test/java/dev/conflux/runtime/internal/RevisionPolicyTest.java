package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The revision policy driven with a fake starter: what runs, what is restored, what the history says. */
public class RevisionPolicyTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Starts any content except those listed as failing; records every start and stop. */
    private final class FakeStarter implements RevisionPolicy.Starter {
        final List<String> failing = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public RevisionPolicy.Running start(Flow flow, int revision, String content, Properties properties) throws Exception {
            if (failing.contains(content)) {
                events.add("fail " + content);
                throw new RevisionPolicy.StartFailure("port 8080 in use", Set.of("partner"), null);
            }
            events.add("start " + content);
            return new FakeRunning(content, events);
        }
    }

    private record FakeRunning(String content, List<String> events) implements RevisionPolicy.Running {
        @Override
        public int routes() {
            return 1;
        }

        @Override
        public boolean usesComponent(String component) {
            return false;
        }

        @Override
        public FlowStats stats() {
            return FlowStats.NONE;
        }

        @Override
        public void stop() {
            events.add("stop " + content);
        }
    }

    private final FakeStarter starter = new FakeStarter();
    private FlowHistory history;
    private RevisionPolicy policy;
    private Flow flow;

    @Before
    public void setUp() throws Exception {
        history = new FlowHistory(tmp.newFolder("history").toPath());
        Properties configuration = new Properties();
        configuration.setProperty("greeting", "hi");
        policy = new RevisionPolicy(starter, history, name -> configuration);
        flow = Flow.fromFile("orders", Path.of("/flows/orders.yaml"));
    }

    private int revision(String content) {
        return history.revisionOf("orders", content, "yaml");
    }

    private List<String> actions() {
        return history.history("orders").stream().map(r -> r.revision() + ":" + r.action()).toList();
    }

    @Test
    public void aNewRevisionReplacesTheRunningOne() {
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");
        policy.activate(flow, revision("v2"), "v2", "file", "DEPLOY");

        Flow.Snapshot now = flow.now();
        assertEquals(FlowState.STARTED, now.state());
        assertEquals(2, now.revision());
        assertEquals("v2", now.content());
        assertEquals("hi", now.properties().getProperty("greeting"));
        assertNull(now.lastError());
        assertEquals(List.of("start v1", "stop v1", "start v2"), starter.events);
        assertEquals(List.of("1:DEPLOY", "2:DEPLOY"), actions());
        assertTrue(history.history("orders").get(1).detail().startsWith("started in "));
    }

    @Test
    public void aRevisionThatFailsToStartGivesWayToThePreviousOne() {
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");
        starter.failing.add("v2");
        policy.activate(flow, revision("v2"), "v2", "file", "DEPLOY");

        Flow.Snapshot now = flow.now();
        assertEquals(FlowState.STARTED, now.state());
        assertEquals("the previous revision runs again", 1, now.revision());
        assertEquals("v1", now.content());
        assertEquals("revision 2 failed to start, revision 1 restored: file:/flows/orders.yaml: port 8080 in use",
                now.lastError());
        assertEquals(List.of("start v1", "stop v1", "fail v2", "start v1"), starter.events);
        assertEquals(List.of("1:DEPLOY", "2:FAIL", "1:RESTORE"), actions());
    }

    @Test
    public void whenRestoringFailsTooTheFlowIsFailedWithBothCauses() {
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");
        starter.failing.addAll(List.of("v1", "v2"));
        policy.activate(flow, revision("v2"), "v2", "file", "DEPLOY");

        Flow.Snapshot now = flow.now();
        assertEquals(FlowState.FAILED, now.state());
        assertEquals(2, now.revision());
        assertNull(now.running());
        assertEquals("file:/flows/orders.yaml: port 8080 in use; restoring revision 1 failed too: port 8080 in use",
                now.lastError());
        assertEquals(Set.of("partner"), now.missingComponents());
    }

    @Test
    public void aFirstRevisionThatFailsLeavesTheFlowFailedWithWhatIsMissing() {
        starter.failing.add("v1");
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");

        assertEquals(FlowState.FAILED, flow.now().state());
        assertEquals(1, flow.now().revision());
        assertEquals("v1", flow.now().content());
        assertEquals(Set.of("partner"), flow.now().missingComponents());
        assertEquals(List.of("1:FAIL"), actions());
    }

    @Test
    public void aStoppedFlowTakesTheNewRevisionButStaysStopped() {
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");
        policy.stop(flow, "shell:admin");
        assertEquals(FlowState.STOPPED, flow.now().state());
        assertTrue(history.isStopped("orders"));

        policy.activate(flow, revision("v2"), "v2", "file", "DEPLOY");

        assertEquals(FlowState.STOPPED, flow.now().state());
        assertEquals(2, flow.now().revision());
        assertEquals("v2", flow.now().content());
        assertNull(flow.now().running());
        assertEquals("nothing started after the stop", List.of("start v1", "stop v1"), starter.events);
        FlowRevision last = history.history("orders").get(2);
        assertEquals("DEPLOY", last.action());
        assertEquals("accepted; the flow stays stopped until started", last.detail());
        assertEquals(List.of("1:DEPLOY", "1:STOP", "2:DEPLOY"), actions());
    }

    @Test
    public void haltStopsWhatRunsWithoutChangingWhatTheFlowIs() {
        policy.activate(flow, revision("v1"), "v1", "file", "DEPLOY");
        RevisionPolicy.Running running = flow.now().running();
        policy.halt(flow);
        assertEquals(List.of("start v1", "stop v1"), starter.events);
        assertSame(running, flow.now().running());
        assertFalse(history.isStopped("orders"));
    }
}
