package dev.conflux.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The parts of the tracing cases that decide what is measured: the switch, the metric read, the generated orders. */
public class TracingBenchTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void switchingTracingRewritesOnlyTheEnabledLine() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/conflux.tracing.cfg"),
                "# comment\nenabled = true\nstore = embedded\nbuffer.capacity = 10000");

        TracingOverhead.setEnabled(home, false);

        String cfg = Files.readString(home.resolve("etc/conflux.tracing.cfg"));
        assertEquals("# comment\nstore = embedded\nbuffer.capacity = 10000\nenabled = false\n", cfg);
        TracingOverhead.setEnabled(home, true);
        assertEquals("# comment\nstore = embedded\nbuffer.capacity = 10000\nenabled = true\n",
                Files.readString(home.resolve("etc/conflux.tracing.cfg")));
    }

    @Test
    public void switchingTracingWithoutAFileWritesOne() throws Exception {
        Path home = tmp.newFolder("bare").toPath();
        Files.createDirectories(home.resolve("etc"));

        TracingOverhead.setEnabled(home, false);

        assertEquals("enabled = false\n", Files.readString(home.resolve("etc/conflux.tracing.cfg")));
    }

    @Test
    public void aMetricIsTheSumOfItsSeriesAndAMissingOneIsAnError() {
        String exposition = """
                # HELP conflux_trace_events_recorded_total Trace hop events written
                # TYPE conflux_trace_events_recorded_total counter
                conflux_trace_events_recorded_total{node="root"} 120.0
                conflux_trace_events_recorded_total{node="other"} 3.0
                conflux_trace_events_recorded_totalx 99.0
                conflux_trace_buffer_events 0.0
                """;

        assertEquals(123.0, TracingOverhead.sum(exposition, TracingOverhead.RECORDED), 0);
        assertEquals(0.0, TracingOverhead.sum(exposition, TracingOverhead.BUFFERED), 0);
        assertThrows(IllegalStateException.class, () -> TracingOverhead.sum(exposition, TracingOverhead.DROPPED));
    }

    @Test
    public void anOrderLeavesTheSampleFlowsSixHopsOnOneTraceWithItsKey() {
        Instant start = Instant.parse("2026-12-01T10:32:05Z");

        List<Hop> hops = SampleOrderHops.of(4711, start, "root");

        assertEquals(List.of(HopKind.RECEIVED, HopKind.SENT, HopKind.COMPLETED, HopKind.CONSUMED, HopKind.CALLED,
                HopKind.COMPLETED), hops.stream().map(Hop::kind).toList());
        assertEquals(SampleOrderHops.PER_MESSAGE, hops.size());
        assertEquals(1, hops.stream().map(Hop::traceId).distinct().count());
        assertTrue(hops.stream().allMatch(h -> "A-4711".equals(h.businessKey()) && "sample-orders".equals(h.flow())));
        assertEquals("POST /api/orders", hops.get(0).target());
        assertEquals(hops.get(1).messageId(), hops.get(3).messageId());
        assertEquals(hops.get(1).spanId(), hops.get(3).parentSpanId());
        assertNull(hops.get(0).payload());
        assertTrue(hops.stream().noneMatch(h -> h.time().isBefore(start)));
    }
}
