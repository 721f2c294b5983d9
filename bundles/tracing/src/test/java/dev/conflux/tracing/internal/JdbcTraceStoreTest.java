package dev.conflux.tracing.internal;

import static dev.conflux.tracing.internal.Hops.T0;
import static dev.conflux.tracing.internal.Hops.hop;
import static dev.conflux.tracing.internal.Hops.trace;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.Position;
import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceSummary;
import dev.conflux.tracing.internal.store.JdbcTraceStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JdbcTraceStoreTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Positions positions = new Positions(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    private JdbcTraceStore store;
    private TraceSearch search;

    @Before
    public void open() {
        store = JdbcTraceStore.embedded(dir.getRoot().toPath().resolve("traces"));
        search = new TraceSearch(store, positions);
    }

    @After
    public void close() {
        store.close();
    }

    /** Order A-1: REST in, queued, consumed, a call, completed. Order A-2: failed and dead-lettered. */
    private void twoOrders() throws Exception {
        store.write(List.of(
                hop(trace(1), HopKind.RECEIVED, 0).businessKey("A-1").flow("orders-in", "3").target("POST /api/orders").build(),
                hop(trace(2), HopKind.RECEIVED, 1).businessKey("A-2").flow("orders-in", "3").target("POST /api/orders").build(),
                hop(trace(1), HopKind.SENT, 2).businessKey("A-1").flow("orders-in", "3").target("orders").build(),
                hop(trace(2), HopKind.SENT, 3).businessKey("A-2").flow("orders-in", "3").target("orders").build(),
                hop(trace(1), HopKind.CONSUMED, 4).businessKey("A-1").flow("orders-out", "1").target("orders")
                        .messageId("ID:m-1").waitedMillis(2000).attempt(1).build(),
                hop(trace(2), HopKind.CONSUMED, 5).businessKey("A-2").flow("orders-out", "1").target("orders")
                        .messageId("ID:m-2").attempt(1).build()));
        store.write(List.of(
                hop(trace(1), HopKind.CALLED, 6).businessKey("A-1").flow("orders-out", "1").target("http partner-a")
                        .outcome("ok").durationMillis(120).build(),
                hop(trace(2), HopKind.FAILED, 7).businessKey("A-2").flow("orders-out", "1")
                        .failure("to-partner (to) at orders-out.yaml:12", "503 Service Unavailable").build(),
                hop(trace(1), HopKind.COMPLETED, 8).businessKey("A-1").flow("orders-out", "1").durationMillis(4000).build(),
                hop(trace(2), HopKind.DEAD_LETTERED, 9).businessKey("A-2").target("DLQ.orders").attempt(3)
                        .messageId("ID:m-2").build()));
    }

    private static List<String> kinds(Trace t) {
        return t.hops().stream().map(h -> h.kind().name()).toList();
    }

    @Test
    public void aTraceIsFoundByItsBusinessKeyWithEveryHopInTimeOrder() throws Exception {
        twoOrders();
        Trace t = search.find("A-1").orElseThrow();
        assertEquals(trace(1), t.traceId());
        assertEquals(List.of("A-1"), t.businessKeys());
        assertEquals(List.of("RECEIVED", "SENT", "CONSUMED", "CALLED", "COMPLETED"), kinds(t));
        Hop consumed = t.hops().get(2);
        assertEquals(2000, consumed.waitedMillis());
        assertEquals("ID:m-1", consumed.messageId());
        assertEquals("1", consumed.revision());
        assertEquals(Position.State.DELIVERED, t.position().state());
        assertEquals("delivered to http partner-a at 10:00:06", t.position().text());
    }

    @Test
    public void aTraceIsFoundByItsTraceIdAndByAMessageId() throws Exception {
        twoOrders();
        assertEquals(trace(2), search.find(trace(2)).orElseThrow().traceId());
        assertEquals(trace(2), search.find("ID:m-2").orElseThrow().traceId());
        assertEquals(trace(1), search.trace(trace(1)).orElseThrow().traceId());
        assertFalse(search.find("A-404").isPresent());
        assertFalse(search.trace(trace(404)).isPresent());
    }

    @Test
    public void theFailedTraceShowsTheFailingStepAndIsInTheDeadLetterQueue() throws Exception {
        twoOrders();
        Trace t = search.find("A-2").orElseThrow();
        assertEquals(List.of("RECEIVED", "SENT", "CONSUMED", "FAILED", "DEAD_LETTERED"), kinds(t));
        assertEquals("to-partner (to) at orders-out.yaml:12", t.hops().get(3).step());
        assertEquals("503 Service Unavailable", t.hops().get(3).error());
        assertTrue(t.failed());
        assertEquals(Position.State.DEAD_LETTERED, t.position().state());
        assertEquals("in DLQ.orders since 10:00:09", t.position().text());
    }

    @Test
    public void searchesGroupHopsIntoTracesNewestFirstAndFilterByFlowTimeAndFailure() throws Exception {
        twoOrders();
        List<TraceSummary> all = search.search(new TraceQuery(null, null, null, null, null, null, null, false, 10));
        assertEquals(List.of(trace(2), trace(1)), all.stream().map(TraceSummary::traceId).toList());
        TraceSummary a2 = all.get(0);
        assertEquals(5, a2.hops());
        assertEquals(List.of("orders-in", "orders-out"), a2.flows());
        assertEquals(T0.plusSeconds(1), a2.first());
        assertEquals(T0.plusSeconds(9), a2.last());
        assertTrue(a2.failed());

        List<TraceSummary> failed = search.search(new TraceQuery(null, null, null, null, null, null, null, true, 10));
        assertEquals(List.of(trace(2)), failed.stream().map(TraceSummary::traceId).toList());

        List<TraceSummary> failedInFlow = search.search(new TraceQuery(null, null, null, null, "orders-out", null,
                null, true, 10));
        assertEquals(List.of(trace(2)), failedInFlow.stream().map(TraceSummary::traceId).toList());
        assertTrue(search.search(new TraceQuery(null, null, null, null, "orders-in", null, null, true, 10)).isEmpty());

        // a time range selects the traces with a hop in it: only A-1 has one at 10:00:08
        List<TraceSummary> at8 = search.search(new TraceQuery(null, null, null, null, null, T0.plusSeconds(8),
                T0.plusSeconds(9), false, 10));
        assertEquals(List.of(trace(1)), at8.stream().map(TraceSummary::traceId).toList());

        assertEquals(1, search.search(new TraceQuery(null, null, null, null, null, null, null, false, 1)).size());
        assertEquals(List.of(trace(1)), search.search(new TraceQuery(null, "A-1", null, null, null, null, null, false,
                10)).stream().map(TraceSummary::traceId).toList());
        assertEquals(List.of(trace(2)), search.search(new TraceQuery(null, null, null, "ID:m-2", null, null, null,
                false, 10)).stream().map(TraceSummary::traceId).toList());
        assertEquals(List.of(trace(1)), search.search(new TraceQuery("A-1", null, null, null, "orders-out", null,
                null, false, 10)).stream().map(TraceSummary::traceId).toList());
    }

    @Test
    public void findGivesTheNewestTraceOfAReusedKey() throws Exception {
        store.write(List.of(hop(trace(1), HopKind.RECEIVED, 0).businessKey("K").build(),
                hop(trace(2), HopKind.RECEIVED, 60).businessKey("K").build(),
                hop(trace(1), HopKind.COMPLETED, 30).businessKey("K").build()));
        assertEquals(trace(2), search.find("K").orElseThrow().traceId());
        assertEquals(2, search.search(TraceQuery.of("K")).size());
    }

    @Test
    public void theDataSurvivesARestart() throws Exception {
        twoOrders();
        store.close();
        store = JdbcTraceStore.embedded(dir.getRoot().toPath().resolve("traces"));
        search = new TraceSearch(store, positions);
        assertEquals(10, store.count());
        assertEquals(5, search.find("A-1").orElseThrow().hops().size());
        assertTrue(Files.size(dir.getRoot().toPath().resolve("traces/traces.mv.db")) > 0);
        assertTrue(store.bytes() > 0);
    }

    @Test
    public void overlongValuesAreCutRatherThanFailingTheBatch() throws Exception {
        store.write(List.of(hop(trace(7), HopKind.FAILED, 0).businessKey("K".repeat(500))
                .failure("s".repeat(5000), "e\0rr".repeat(1000)).payload("p".repeat(100_000)).build()));
        Hop h = search.trace(trace(7)).orElseThrow().hops().get(0);
        assertEquals(200, h.businessKey().length());
        assertEquals(2000, h.error().length());
        assertFalse(h.error().contains("\0"));
        assertEquals(100_000, h.payload().length());
    }

    /** 500 hops (one full block) of trace i, each i seconds after T0 and with the business key K-i. */
    private static List<Hop> block(int firstSecond) {
        List<Hop> hops = new ArrayList<>();
        for (int i = firstSecond; i < firstSecond + 500; i++) {
            hops.add(hop(trace(i), HopKind.RECEIVED, i).businessKey("K-" + i).build());
        }
        return hops;
    }

    @Test
    public void retentionRemovesTheBlocksWhoseHopsAreAllOlderThanTheDaysKept() throws Exception {
        store.write(block(0));
        int threeDays = (int) Duration.ofDays(3).toSeconds();
        store.write(block(threeDays));
        Clock fourDaysLater = Clock.fixed(T0.plus(Duration.ofDays(4)), ZoneOffset.UTC);
        Retention.Result r = new Retention(store, fourDaysLater, 100).run(2, 1_000_000);
        assertEquals(500, r.byAge());
        assertEquals(500, r.left());
        assertFalse(search.find("K-499").isPresent());
        assertTrue(search.find("K-" + threeDays).isPresent());
        assertEquals(T0.plus(Duration.ofDays(3)), store.oldest());
    }

    @Test
    public void retentionKeepsAtMostMaxEventsRemovingTheOldestBlocksFirst() throws Exception {
        for (int b = 0; b < 5; b++) {
            store.write(block(b * 500));
        }
        Retention.Result r = new Retention(store, Clock.fixed(T0, ZoneOffset.UTC), 100).run(7, 1_200);
        // whole blocks go, oldest first, until at most 1,200 are left
        assertEquals(1_500, r.byCount());
        assertEquals(1_000, r.left());
        assertEquals(1_000, store.count());
        assertEquals(T0.plusSeconds(1_500), store.oldest());
        assertFalse(search.find("K-1499").isPresent());
        assertTrue(search.find("K-1500").isPresent());
    }
}
