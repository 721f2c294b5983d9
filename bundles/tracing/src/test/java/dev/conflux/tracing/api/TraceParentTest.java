package dev.conflux.tracing.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class TraceParentTest {

    @Test
    public void newTracesAreValidDistinctAndStartWithTheTimeInSeconds() {
        long before = System.currentTimeMillis() / 1000;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            TraceParent t = TraceParent.newTrace();
            assertEquals(t, TraceParent.parse(t.toString()).orElseThrow());
            ids.add(t.traceId());
        }
        long after = System.currentTimeMillis() / 1000;
        assertEquals(10_000, ids.size());
        long seconds = Long.parseLong(TraceParent.newTrace().traceId().substring(0, 8), 16);
        assertTrue(seconds >= before && seconds <= after + 1);
    }

    @Test
    public void aChildKeepsTheTraceWithANewSpan() {
        TraceParent t = TraceParent.newTrace();
        TraceParent c = t.child();
        assertEquals(t.traceId(), c.traceId());
        assertNotEquals(t.spanId(), c.spanId());
        assertEquals(c, TraceParent.parse(c.toString()).orElseThrow());
    }
}
