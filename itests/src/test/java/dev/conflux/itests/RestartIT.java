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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;

/**
 * Traces outlive the container (issue 17, "Restart of the container keeps the traces"). The dev distribution runs
 * as an operator runs it: {@code bin/conflux start}, the README's order to the sample flow, {@code bin/conflux stop},
 * {@code bin/conflux start} again; the order's trace is then found by its key with the same hops, read over
 * Jolokia as the console's Trace page reads it, and an order after the restart is traced too.
 */
public class TraceRestartIT {

    static final String PASSWORD = "restart-" + UUID.randomUUID();
    static final String ADMIN = ConfluxDistribution.ADMIN;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env = new HashMap<>();
    private final Http http = new Http();
    private Path home;
    private int httpPort;
    private int servicesPort;
    private long pid;

    @Test
    public void anOrdersTraceIsFoundWithTheSameHopsAfterTheContainerRestarts() throws Exception {
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

        start();
        String key = "R-" + UUID.randomUUID().toString().substring(0, 8);
        order(key);
        JsonNode first = awaitCompletedTwice(key);
        List<String> before = hops(first);

        stop();
        start();
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
            Path kept = Path.of("target", "failsafe-reports", "TraceRestartIT-karaf.log");
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

    /** The README's order, as its first curl sends it. */
    private void order(String key) throws Exception {
        var r = Await.until("the order " + key + " accepted", Duration.ofMinutes(1), () -> {
            var answer = http.post("http://127.0.0.1:" + servicesPort + "/api/orders", "application/json",
                    "{\"orderId\":\"" + key + "\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":3}");
            return answer.statusCode() == 202 ? answer : null;
        });
        assertNotNull(r);
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
