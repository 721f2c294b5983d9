package dev.conflux.tracing.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How hops are laid out in blocks: merging, splitting, the JSON and the index (searches: JdbcTraceStoreTest). */
public class BlockStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private JdbcTraceStore store;

    @Before
    public void open() {
        store = JdbcTraceStore.embedded(dir.getRoot().toPath());
    }

    @After
    public void close() {
        store.close();
    }

    private static List<Hop> hops(int from, int count) {
        List<Hop> hops = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            hops.add(Hop.of(String.format("%032x", i), HopKind.RECEIVED).time(T0.plusMillis(i)).businessKey("K-" + i)
                    .flow("f" + (i % 3), "1").build());
        }
        return hops;
    }

    private List<Integer> blockSizes() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        try (Connection c = store.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT hop_count FROM conflux_trace_block ORDER BY id")) {
            while (r.next()) {
                sizes.add(r.getInt(1));
            }
        }
        return sizes;
    }

    @Test
    public void everyFieldSurvivesTheJsonOfABlock() {
        Hop full = new Hop("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "00f067aa0ba902b8", "A-1",
                HopKind.FAILED, T0, "node-1", "orders", "3", "orders-out", "http partner-a", "503", 120, 2000, 3,
                "ID:m-1", "to-partner (to) at orders.yaml:12", "503 \"Service\" Unavailable\n", "alice", "42",
                "{\"orderId\":\"A-1\",\"card\":\"***\"}");
        Hop sparse = Hop.of("4bf92f3577b34da6a3ce929d0e0e4737", HopKind.RECEIVED).time(T0.plusMillis(1)).build();
        assertEquals(List.of(full, sparse), HopCodec.decode(HopCodec.encode(List.of(full, sparse))));
    }

    @Test
    public void smallBatchesFillTheNewestBlockAndLargeOnesAreSplit() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.write(hops(i * 10, 10));
        }
        assertEquals(List.of(400), blockSizes());
        store.write(hops(400, 150));
        assertEquals("a batch that would overfill the block starts a new one", List.of(400, 150), blockSizes());
        store.write(hops(550, 1_200));
        assertEquals(List.of(400, 150, 500, 500, 200), blockSizes());
        assertEquals(1_750, store.count());
        assertEquals(1, store.traces(TraceQuery.of("K-1749")).size());
        assertEquals(1, store.traces(TraceQuery.of("K-0")).size());
    }

    @Test
    public void aBlockDeletedUnderTheWriterIsNotWrittenToAgain() throws Exception {
        store.write(hops(0, 10));
        assertEquals(10, store.deleteOldest(1));
        store.write(hops(10, 10));
        assertEquals(10, store.count());
        assertEquals(List.of(10), blockSizes());
        assertTrue(store.traces(TraceQuery.of("K-0")).isEmpty());
        assertEquals(1, store.traces(TraceQuery.of("K-15")).size());
    }

    @Test
    public void theHopsColumnIsPlainUtf8JsonWithTheRecordsFieldNames() throws Exception {
        store.write(hops(0, 3));
        try (Connection c = store.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT hops FROM conflux_trace_hops")) {
            assertTrue(r.next());
            JsonNode json = new ObjectMapper().readTree(new String(r.getBytes(1), StandardCharsets.UTF_8));
            assertEquals(3, json.size());
            assertEquals("K-2", json.get(2).path("businessKey").asText());
            assertEquals(T0.plusMillis(2).toEpochMilli(), json.get(2).path("time").asLong());
            assertEquals("RECEIVED", json.get(2).path("kind").asText());
        }
    }

    @Test
    public void theIndexHoldsEveryKeyAndIdOfItsHopsAndNoOthers() {
        List<Hop> block = List.of(Hop.of("t1", HopKind.SENT).time(T0).businessKey("A-1").messageId("ID:m-1").build(),
                Hop.of("t2", HopKind.RECEIVED).time(T0).build());
        byte[] refs = Refs.of(block);
        for (String held : Set.of("t1", "t2", "A-1", "ID:m-1")) {
            assertTrue(held, Refs.mayHold(refs, Refs.wanted(List.of(held))));
        }
        assertEquals("4 distinct values, 4 bytes each", 16, refs.length);
        assertFalse(Refs.mayHold(refs, Refs.wanted(List.of("A-2", "t3", "ID:m-2"))));
        assertTrue(Refs.mayHold(refs, Refs.wanted(List.of("A-2", "A-1"))));
    }
}
