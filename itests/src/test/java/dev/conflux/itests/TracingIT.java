package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static dev.conflux.itests.TraceOrderFlows.IN_FLOW;
import static dev.conflux.itests.TraceOrderFlows.OUT_FLOW;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Message tracing on the embedded store (H2 under data/conflux/traces, the default): the shared scenarios, the
 * database file itself never holding a masked value, and a full buffer dropping trace events, never messages.
 */
public class TracingIT extends TracingScenarios {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"));

    @BeforeClass
    public static void deploy() throws Exception {
        deployFlows(CONFLUX);
        String store = traces.stats().path("store").asText();
        assertTrue("the default store is the embedded one: " + store, store.startsWith("embedded"));
    }

    /** The H2 files hold the captured body (what the test looks for first, so the check can see) but not the value. */
    @Override
    protected void assertStoreNeverHolds(String masked, String captured) throws Exception {
        Path dir = CONFLUX.home().toPath().resolve("data/conflux/traces");
        Await.until("the captured body written to " + dir, Duration.ofSeconds(30), () -> storeText(dir).contains(captured));
        assertFalse("the masked value in " + dir, storeText(dir).contains(masked));
    }

    private static String storeText(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    public void aFullBufferDropsTraceEventsNeverMessages() throws Exception {
        int capacity = traces.stats().path("bufferCapacity").asInt();
        String cfg = traces.configure(Map.of("buffer.capacity", "1", "batch.size", "1", "flush.millis", "2000"));
        try {
            Await.until("a buffer of 1", Duration.ofSeconds(30), () -> traces.stats().path("bufferCapacity").asInt() == 1);
            long filesBefore = outboxFiles();
            int orders = 20;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String id = newOrderId("B" + i);
                ids.add(id);
                HttpResponse<String> r = post(order(id));
                assertEquals("accepted while tracing drops: " + r.body(), 202, r.statusCode());
            }
            for (String id : ids) {
                awaitOutboxFile(id);
            }
            assertEquals("every order arrived, once", filesBefore + orders, outboxFiles());
            JsonNode stats = traces.stats();
            assertTrue("events dropped: " + stats, stats.path("dropped").asLong() > 0);
            PrometheusText metrics = Await.until("the drops in /metrics", Duration.ofSeconds(30), () -> {
                HttpResponse<String> r = HTTP.get(CONFLUX.consoleOrigin() + "/metrics", "Authorization",
                        Http.basic(ConfluxDistribution.MONITOR, ConfluxDistribution.MONITOR_PASSWORD));
                PrometheusText now = new PrometheusText(r.body());
                return now.sum("conflux_trace_events_dropped_total") > 0 ? now : null;
            });
            assertTrue(metrics.sum("conflux_trace_events_recorded_total") > 0);
            String log = Files.readString(CONFLUX.home().toPath().resolve("data/log/karaf.log"));
            assertTrue("a WARN line with the count", log.lines().anyMatch(l -> l.contains("WARN") && l.contains("dropped")));
        } finally {
            traces.restore(cfg);
        }
        Await.until("the buffer back to " + capacity, Duration.ofSeconds(30),
                () -> traces.stats().path("bufferCapacity").asInt() == capacity);
    }

    /**
     * Export to an OpenTelemetry backend: with an endpoint and a token in etc/conflux.tracing.otlp.cfg, an order's hops
     * reach the backend (a receiver of the test's) as OTLP protobuf spans of the order's trace, with the token.
     */
    @Test
    public void withAnEndpointTheHopsReachAnOtlpBackendAsSpansOfTheTrace() throws Exception {
        Path cfg = CONFLUX.home().toPath().resolve("etc/conflux.tracing.otlp.cfg");
        String before = Files.readString(cfg);
        String token = "Bearer " + UUID.randomUUID();
        try (OtlpBackend backend = new OtlpBackend()) {
            save(cfg, before.replaceAll("(?m)^endpoint\\s*=.*$", "endpoint = " + backend.tracesUrl())
                    .replaceAll("(?m)^headers\\s*=.*$", "headers = Authorization=" + token));
            try {
                Await.until("the exporter's counters in /metrics", Duration.ofSeconds(60), () -> new PrometheusText(
                        HTTP.get(CONFLUX.consoleOrigin() + "/metrics", "Authorization", Http.basic(
                                ConfluxDistribution.MONITOR, ConfluxDistribution.MONITOR_PASSWORD)).body())
                        .has("conflux_trace_export_spans_total"));
                String orderId = newOrderId("O");
                postOrder(order(orderId));
                JsonNode trace = traces.awaitCompleted(orderId, OUT_FLOW);
                OtlpBackend.Export export = Await.until("spans of " + orderId + " at the backend", Duration.ofSeconds(60),
                        () -> backend.holding(orderId));
                assertEquals("application/x-protobuf", export.contentType());
                assertEquals("the token of the cfg", token, export.authorization());
                assertTrue("the order's trace id, as the span's 16 bytes", HexFormat.of().formatHex(export.body())
                        .contains(trace.path("traceId").asText()));
                assertTrue("the flow's name as a span name", export.text().contains(IN_FLOW));
            } finally {
                save(cfg, before);
            }
        }
    }

    /** Whole or not at all: FileInstall never reads a half-written cfg. */
    private static void save(Path cfg, String content) throws Exception {
        Path tmp = cfg.resolveSibling("." + cfg.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
