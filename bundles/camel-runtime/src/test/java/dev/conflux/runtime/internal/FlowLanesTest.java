package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowService.FlowOperationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

public class FlowLanesTest {

    private final FlowLanes lanes = new FlowLanes(Duration.ofSeconds(10));
    private final CountDownLatch releaseA = new CountDownLatch(1);

    @After
    public void tearDown() throws Exception {
        releaseA.countDown();
        lanes.close(Duration.ofSeconds(10));
    }

    @Test
    public void aFlowBusyWithATransitionDoesNotHoldUpAnotherFlow() throws Exception {
        CountDownLatch aStarted = new CountDownLatch(1);
        Future<String> a = lanes.submit("a", () -> {
            aStarted.countDown();
            releaseA.await();
            return "a stopped";
        });
        assertTrue(aStarted.await(10, TimeUnit.SECONDS));

        assertEquals("b deployed", lanes.call("b", () -> "b deployed"));
        assertFalse("a is still busy", a.isDone());

        releaseA.countDown();
        assertEquals("a stopped", a.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void oneFlowsTransitionsRunOneAtATimeInOrder() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        Future<?> first = lanes.submit("a", () -> {
            releaseA.await();
            done.add("first");
            return null;
        });
        Future<?> second = lanes.submit("a", () -> done.add("second"));
        assertFalse("the second waits for the first", second.isDone());
        releaseA.countDown();
        second.get(10, TimeUnit.SECONDS);
        assertTrue(first.isDone());
        assertEquals(List.of("first", "second"), done);
    }

    @Test
    public void anOperationsErrorReachesTheCallerAsItIs() {
        try {
            lanes.call("a", () -> {
                throw new FlowOperationException("No flow named 'a' (see conflux:flow-list)");
            });
        } catch (FlowOperationException e) {
            assertEquals("No flow named 'a' (see conflux:flow-list)", e.getMessage());
            return;
        }
        throw new AssertionError("no exception");
    }

    @Test
    public void closingLetsQueuedWorkFinishAndRefusesNewWork() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        lanes.submit("a", () -> done.add("queued"));
        assertTrue(lanes.close(Duration.ofSeconds(10)));
        assertEquals(List.of("queued"), done);
        try {
            lanes.submit("b", () -> "late");
        } catch (FlowOperationException e) {
            assertEquals("the flow runtime is stopping", e.getMessage());
            return;
        }
        throw new AssertionError("accepted work after close");
    }
}
