package dev.conflux.tracing.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.Position;
import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class TraceCommandsTest {

    private static final String T1 = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String T2 = "0af7651916cd43dd8448eb211c80319c";

    private final FakeTraceService service = new FakeTraceService();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;
    private TimeZone zone;

    @Before
    public void captureOutput() {
        stdout = System.out;
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @After
    public void restore() {
        System.setOut(stdout);
        TimeZone.setDefault(zone);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void traceShowsEveryHopWithGapsWaitsCallOutcomeAndWhereTheMessageIsNow() {
        service.traces.add(FakeTraceService.order(T1, "A-1"));
        TraceCommand command = new TraceCommand();
        command.traces = service;
        command.key = "A-1";
        command.execute();

        String text = output();
        assertTrue(text, text.startsWith("Trace " + T1 + " key A-1: 5 hops from 2026-12-02 10:32:05 over 2.7s"));
        List<String> lines = text.lines().toList();
        int received = index(lines, "RECEIVED");
        assertTrue(text, received > 0);
        assertTrue(lines.get(received), lines.get(received).contains("10:32:05.120")
                && lines.get(received).contains("sample-orders@3") && lines.get(received).contains("POST /api/orders")
                && lines.get(received).contains("by shop"));
        String consumed = lines.get(index(lines, "CONSUMED"));
        assertTrue(consumed, consumed.contains("+2.5s") && consumed.contains("waited 2.5s in queue")
                && consumed.contains("attempt 1") && consumed.contains("message ID:abc-1"));
        String called = lines.get(index(lines, "CALLED"));
        assertTrue(called, called.contains("+88ms") && called.contains("http://partner-a.example/orders")
                && called.contains("ok 88ms"));
        assertTrue("hops in time order", index(lines, "SENT") < index(lines, "CONSUMED")
                && index(lines, "CALLED") < index(lines, "COMPLETED"));
        assertEquals("Now: delivered to http://partner-a.example/orders at 10:32:07", lines.get(lines.size() - 1));
    }

    @Test
    public void aFailureShowsItsStepErrorAttemptAndTheOperatorsRetryWithTheAuditEntry() {
        Instant t = FakeTraceService.T0;
        service.traces.add(new Trace(T2, List.of("A-9"), List.of(
                Hop.of(T2, HopKind.FAILED).time(t).flow("orders", "2").route("consume").attempt(3)
                        .failure("validate (to) at orders.yaml:14", "amount must be positive").build(),
                Hop.of(T2, HopKind.DEAD_LETTERED).time(t.plusMillis(5)).target("DLQ.orders").attempt(3).build(),
                Hop.of(T2, HopKind.RETRIED).time(t.plus(4, ChronoUnit.MINUTES)).target("orders").actor("alice")
                        .auditId("42").build()),
                new Position(Position.State.WAITING, "orders", t.plus(4, ChronoUnit.MINUTES),
                        "waiting in queue orders since 10:36:05")));
        TraceCommand command = new TraceCommand();
        command.traces = service;
        command.key = T2;
        command.execute();

        List<String> lines = output().lines().toList();
        String failed = lines.get(index(lines, "FAILED"));
        assertTrue(failed, failed.contains("attempt 3") && failed.contains("at validate (to) at orders.yaml:14")
                && failed.contains("amount must be positive") && failed.contains("orders@2"));
        String retried = lines.get(index(lines, "RETRIED"));
        assertTrue(retried, retried.contains("+3m59s") && retried.contains("by alice (audit #42)"));
        assertEquals("Now: waiting in queue orders since 10:36:05", lines.get(lines.size() - 1));
    }

    @Test
    public void anUnknownKeySaysSoAndAllListsEveryMatchingTraceNewestFirst() {
        TraceCommand command = new TraceCommand();
        command.traces = service;
        command.key = "nope";
        command.execute();
        assertTrue(output(), output().startsWith("No trace for 'nope'"));

        out.reset();
        service.traces.add(FakeTraceService.order(T1, "A-1"));
        Trace newer = FakeTraceService.order(T2, "A-1");
        service.traces.add(new Trace(T2, newer.businessKeys(), newer.hops().stream()
                .map(h -> Hop.of(T2, h.kind()).time(h.time().plusSeconds(60)).build()).toList(), newer.position()));
        command.key = "A-1";
        command.execute();
        assertFalse("only the newest", output().contains(T1));
        assertTrue(output().contains(T2));

        out.reset();
        command.all = true;
        command.execute();
        String text = output();
        assertTrue(text, text.indexOf("Trace " + T2) >= 0 && text.indexOf("Trace " + T2) < text.indexOf("Trace " + T1));
    }

    @Test
    public void searchPassesItsFiltersAndListsSummaries() {
        service.traces.add(FakeTraceService.order(T1, "A-1"));
        TraceSearchCommand search = new TraceSearchCommand();
        search.traces = service;
        search.flow = "sample-orders";
        search.since = "2h";
        search.limit = 5;
        search.execute();

        TraceQuery q = service.queries.get(0);
        assertEquals("sample-orders", q.flow());
        assertEquals(5, q.limit());
        assertEquals(null, q.text());
        long hoursBack = ChronoUnit.MINUTES.between(q.from(), Instant.now());
        assertTrue("2h back: " + hoursBack, hoursBack >= 119 && hoursBack <= 121);
        String row = output().lines().filter(l -> l.contains(T1)).findFirst().orElseThrow();
        assertTrue(row, row.contains("A-1") && row.contains("sample-orders") && row.contains("2.7s")
                && row.contains("delivered to http://partner-a.example/orders"));

        search.since = "yesterday";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, search::execute);
        assertTrue(e.getMessage(), e.getMessage().startsWith("'yesterday' is not a time range"));
    }

    @Test
    public void statsShowTheStoreBufferAndDrops() {
        service.stats = new TraceStats(true, "postgresql (jdbc:postgresql://127.0.0.1:5432/conflux)",
                10, -1, null, 10000, 10000, 77, "Connection refused");
        TraceStatsCommand stats = new TraceStatsCommand();
        stats.traces = service;
        stats.execute();
        String text = output();
        assertTrue(text, text.contains("postgresql (jdbc:postgresql://127.0.0.1:5432/conflux)"));
        assertTrue(text, text.contains("10000 of 10000"));
        assertTrue(text, text.contains("77 (buffer was full)"));
        assertTrue(text, text.contains("Connection refused"));
        assertEquals("2.4 MiB", TraceStatsCommand.bytes(2_500_000));
    }

    private static int index(List<String> lines, String word) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" " + word + " ")) {
                return i;
            }
        }
        return -1;
    }
}
