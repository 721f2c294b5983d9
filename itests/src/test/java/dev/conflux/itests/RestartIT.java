package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;

/**
 * What outlives a restart of the container: traces (issue 17) and the API usage roll-ups (issue 18). The dev
 * distribution runs as an operator runs it: {@code bin/conflux start}, orders to the sample flow,
 * {@code bin/conflux stop}, {@code bin/conflux start} again. The sample endpoints ask for consumer accounts here (the
 * dev-only open policy replaced by {@code basic}), so that API usage tells two consumers apart.
 * <ul>
 * <li>An order's trace is then found by its key with the same hops, read over Jolokia as the console's Trace page
 * reads it, and an order after the restart is traced too.</li>
 * <li>100 calls by two consumers, 10 of them refused as invalid: the usage shows exactly those counts per consumer,
 * percentiles no slower than the clients measured, and the day's roll-ups show the same counts after the
 * restart.</li>
 * </ul>
 */
public class RestartIT {

    static final String PASSWORD = "restart-" + UUID.randomUUID();
    static final String ADMIN = ConfluxDistribution.ADMIN;
    static final String USAGE = "conflux:type=apiusage";
    /** Sends the traced orders; {@link #CONSUMERS} send the counted calls. */
    static final String TRACER = "tracer";
    static final List<String> CONSUMERS = List.of("shop", "mobile-app");
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env = new HashMap<>();
    private final Http http = new Http();
    private Path home;
    private int httpPort;
    private int servicesPort;
    private long pid;

    @Test
    public void tracesAndApiUsageRollUpsOutliveARestart() throws Exception {
        Path archive = Path.of(System.getProperty("conflux.distribution"));
        Path dir = Files.createDirectories(Path.of("target", "restart-" + UUID.randomUUID()).toAbsolutePath());
        EnvironmentsIT.run(dir, List.of("tar", "xzf", archive.toString()), Map.of(), 0);
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        httpPort = ConfluxDistribution.freePort();
        servicesPort = ConfluxDistribution.freePort();
        env.put("CONFLUX_HTTP_PORT", String.valueOf(httpPort));
        env.put("CONFLUX_SERVICES_PORT", String.valueOf(servicesPort));
        for (String port : List.of("BROKER", "AMQP", "MQTT", "STOMP", "SSH", "JMX_REGISTRY", "JMX_SERVER")) {
            env.put("CONFLUX_" + port + "_PORT", String.valueOf(ConfluxDistribution.freePort()));
        }
        env.put("CONFLUX_ADMIN_PASSWORD", PASSWORD);
        Path etc = home.resolve("etc");
        Files.writeString(etc.resolve("conflux.endpoint-sample-orders.cfg"),
                "path = /api/orders, /services/orders\npolicy = basic\n");
        StringBuilder accounts = new StringBuilder("\n");
        for (String consumer : concat(TRACER, CONSUMERS)) {
            accounts.append(consumer).append(" = ").append(CONSUMER_PASSWORD).append(",_g_:consumers\n");
        }
        Files.writeString(etc.resolve("users.properties"), accounts, StandardOpenOption.APPEND);

        start();
        String key = "R-" + UUID.randomUUID().toString().substring(0, 8);
        order(key);
        JsonNode first = awaitCompletedTwice(key);
        List<String> before = hops(first);
        Map<String, List<Double>> measured = hundredCallsTenRefused();
        Map<String, JsonNode> counted = Await.until("the 100 calls counted", Duration.ofSeconds(30),
                () -> usageOf("1h", measured.keySet(), 50));
        for (String consumer : CONSUMERS) {
            assertCounts(consumer, counted.get(consumer));
            assertPercentilesWithin(consumer, counted.get(consumer), measured.get(consumer));
        }

        stop();
        start();
        Map<String, JsonNode> kept = usageOf("1d", measured.keySet(), 50);
        assertNotNull("the day's roll-ups after the restart", kept);
        for (String consumer : CONSUMERS) {
            assertCounts(consumer, kept.get(consumer));
            assertEquals("the latencies kept: " + consumer, counted.get(consumer).path("p95Millis").asDouble(),
                    kept.get(consumer).path("p95Millis").asDouble(), 1e-9);
        }
        JsonNode after = Await.until("the trace of " + key + " after the restart", Duration.ofMinutes(2), () -> trace(key));
        assertEquals("the hops of " + key + " after the restart", before, hops(after));
        assertEquals("the trace id after the restart", first.path("traceId").asText(), after.path("traceId").asText());

        String next = "R-" + UUID.randomUUID().toString().substring(0, 8);
        order(next);
        JsonNode traced = awaitCompletedTwice(next);
        assertTrue("a new trace after the restart: " + traced,
                !traced.path("traceId").asText().equals(after.path("traceId").asText()));
    }

    @After
    public void stopAndKeepLog() throws Exception {
        if (home == null) {
            return;
        }
        if (pid != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            stop();
        }
        Path log = home.resolve("data/log/karaf.log");
        if (Files.exists(log)) {
            Path kept = Path.of("target", "failsafe-reports", "RestartIT-karaf.log");
            Files.createDirectories(kept.getParent());
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void start() throws Exception {
        EnvironmentsIT.run(home, List.of("bin/conflux", "start"), env, 0);
        pid = Long.parseLong(Await.until("Jolokia answering", Duration.ofMinutes(3),
                () -> value(jolokia("read/java.lang:type=Runtime/Pid"))));
        Await.until("the traces MBean answering", Duration.ofMinutes(2),
                () -> value(jolokia("exec/" + Traces.MBEAN + "/trace/none-" + UUID.randomUUID())));
    }

    private void stop() throws Exception {
        EnvironmentsIT.run(home, List.of("bin/conflux", "stop"), env, -1);
        try {
            Await.until("Conflux stopped", Duration.ofMinutes(2),
                    () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) ? true : null);
        } catch (AssertionError hung) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            throw hung;
        }
    }

    /** The README's order, as its first curl sends it, with the tracer's credentials. */
    private void order(String key) throws Exception {
        var r = Await.until("the order " + key + " accepted", Duration.ofMinutes(1), () -> {
            var answer = post(TRACER, "{\"orderId\":\"" + key + "\",\"customer\":\"ACME\",\"item\":\"widget\","
                    + "\"quantity\":3}");
            return answer.statusCode() == 202 ? answer : null;
        });
        assertNotNull(r);
    }

    private HttpResponse<String> post(String consumer, String order) throws Exception {
        return http.post("http://127.0.0.1:" + servicesPort + "/api/orders", "application/json", order,
                "Authorization", Http.basic(consumer, CONSUMER_PASSWORD));
    }

    /**
     * 50 orders by each consumer, the 5th, 15th, … of each invalid (no quantity: 400); each one's latency as its client
     * measured it, in milliseconds.
     */
    private Map<String, List<Double>> hundredCallsTenRefused() throws Exception {
        Map<String, List<Double>> measured = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            for (String consumer : CONSUMERS) {
                boolean invalid = i % 10 == 4;
                String id = consumer + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                long start = System.nanoTime();
                var answer = post(consumer, "{\"orderId\":\"" + id + "\",\"customer\":\"ACME\",\"item\":\"widget\""
                        + (invalid ? "" : ",\"quantity\":1") + "}");
                measured.computeIfAbsent(consumer, c -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
                assertEquals("order " + id + ": " + answer.body(), invalid ? 400 : 202, answer.statusCode());
            }
        }
        return measured;
    }

    /** The usage rows per consumer over the window, once each of them has {@code calls} calls; else null. */
    private Map<String, JsonNode> usageOf(String window, java.util.Set<String> consumers, int calls) throws Exception {
        String json = value(jolokia("exec/" + USAGE + "/usage/" + window + "/consumer"));
        if (json == null) {
            return null;
        }
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : JSON.readTree(json)) {
            if (consumers.contains(row.path("consumer").asText())) {
                rows.put(row.path("consumer").asText(), row);
            }
        }
        boolean all = rows.size() == consumers.size()
                && rows.values().stream().allMatch(r -> r.path("calls").asLong() >= calls);
        return all ? rows : null;
    }

    private static void assertCounts(String consumer, JsonNode row) {
        assertEquals("calls of " + consumer + ": " + row, 50, row.path("calls").asLong());
        assertEquals("accepted calls of " + consumer + ": " + row, 45, row.path("ok").asLong());
        assertEquals("4xx of " + consumer + ": " + row, 5, row.path("clientErrors").asLong());
        assertEquals("5xx of " + consumer + ": " + row, 0, row.path("serverErrors").asLong());
        assertTrue("request bytes of " + consumer + ": " + row, row.path("bytesIn").asLong() > 50 * 50);
    }

    /**
     * The service plane times a call from its arrival until its filter returns, which is inside what the client measured
     * but for the moment between the answer's last byte leaving and that return (a response with a length is complete
     * on the wire once written, and a collector's pause or the scheduler may stop the server's thread there). So each
     * of its percentiles is at most the client's at the same rank, within the histogram's precision (HdrHistogram, two
     * digits: under 1%) and that moment ({@link #AFTER_THE_ANSWER}); and they are in order. A percentile taken at the
     * wrong rank is further off than that: these calls' p50 and p95 lie tens of milliseconds apart.
     */
    private static void assertPercentilesWithin(String consumer, JsonNode row, List<Double> client) {
        List<Double> sorted = client.stream().sorted().toList();
        double p50 = row.path("p50Millis").asDouble();
        double p95 = row.path("p95Millis").asDouble();
        double p99 = row.path("p99Millis").asDouble();
        double max = row.path("maxMillis").asDouble();
        String what = consumer + ": server " + row + " client " + sorted;
        assertTrue(what, 0 < p50 && p50 <= p95 && p95 <= p99 && p99 <= max);
        assertTrue(what, p50 <= rank(sorted, 50) * 1.01 + AFTER_THE_ANSWER);
        assertTrue(what, p95 <= rank(sorted, 95) * 1.01 + AFTER_THE_ANSWER);
        assertTrue(what, p99 <= rank(sorted, 99) * 1.01 + AFTER_THE_ANSWER);
        assertTrue(what, max <= sorted.get(sorted.size() - 1) * 1.01 + AFTER_THE_ANSWER);
    }

    /** Milliseconds the server's clock may run on after the client has the whole answer (see above). */
    private static final double AFTER_THE_ANSWER = 10;

    /** The value at a percentile as HdrHistogram defines it: the smallest value with that share at or below it. */
    private static double rank(List<Double> sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** The trace once both of its exchanges (the REST request and the queue consumer) have completed. */
    private JsonNode awaitCompletedTwice(String key) throws Exception {
        return Await.until("the trace of " + key + " with two COMPLETED hops", Duration.ofMinutes(1), () -> {
            JsonNode t = trace(key);
            if (t == null) {
                return null;
            }
            long completed = 0;
            for (JsonNode hop : t.path("hops")) {
                completed += "COMPLETED".equals(hop.path("kind").asText()) ? 1 : 0;
            }
            return completed == 2 ? t : null;
        });
    }

    /** Each hop as kind, time and target: what must be the same before and after the restart. */
    private static List<String> hops(JsonNode trace) {
        List<String> hops = new ArrayList<>();
        for (JsonNode hop : trace.path("hops")) {
            hops.add(hop.path("kind").asText() + " " + hop.path("time").asText() + " " + hop.path("target").asText(""));
        }
        assertTrue("the sample flow's hops: " + hops, hops.size() >= 5
                && hops.get(0).startsWith("RECEIVED ") && hops.stream().anyMatch(h -> h.startsWith("CONSUMED ")));
        return hops;
    }

    private JsonNode trace(String key) throws Exception {
        var r = jolokia("exec/" + Traces.MBEAN + "/trace/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        String json = value(r);
        return json == null || json.isBlank() || "null".equals(json) ? null : JSON.readTree(json);
    }

    private HttpResponse<String> jolokia(String path) throws Exception {
        return http.get("http://127.0.0.1:" + httpPort + "/hawtio/jolokia/" + path,
                "Authorization", Http.basic(ADMIN, PASSWORD), "Origin", "http://127.0.0.1:" + httpPort);
    }

    /** Jolokia's {@code value}, or null when the call did not answer 200 with status 200. */
    private static String value(HttpResponse<String> r) throws Exception {
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode answer = Http.json(r);
        if (answer.path("status").asInt() != 200) {
            return null;
        }
        JsonNode value = answer.path("value");
        return value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    }
}
