package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Case TRACING: what message tracing costs the flows. B1's work (persistent JMS messages from outside → transacted
 * flow → queue) and B3's (REST GET on a flow) run on one container with tracing on (the shipped default: every hop
 * recorded, no payload capture) and off ({@code enabled = false} in etc/conflux.tracing.cfg), alternately (on, off,
 * then off, on, ...), {@code bench.repeat} pairs. Rows T1 (B1's work) and T3 (B3's work): "Conflux" is tracing on,
 * "baseline" tracing off. Each switch is confirmed on /metrics: a probe message through the flow moves
 * {@code conflux_trace_events_recorded_total} when on, and leaves it still when off. After each switch, before the
 * half is measured, both halves run the same unmeasured work ({@code bench.switchWarmupMessages} messages and
 * {@code bench.switchWarmupRequests} requests): a switch makes code paths cold (per-thread CPU showed the JIT
 * compiling for 7-8 µs per request through a whole 150,000-request half right after switching tracing on), and a
 * container that traces does not switch every few seconds.
 */
final class TracingOverhead {

    static final String CFG = "etc/conflux.tracing.cfg";
    static final String RECORDED = "conflux_trace_events_recorded_total";
    static final String DROPPED = "conflux_trace_events_dropped_total";
    /** Unmeasured work after each switch, before the half is measured. */
    static final int SWITCH_WARMUP_MESSAGES = Integer.getInteger("bench.switchWarmupMessages", 500);
    static final int SWITCH_WARMUP_REQUESTS = Integer.getInteger("bench.switchWarmupRequests", 10_000);
    static final String BUFFERED = "conflux_trace_buffer_events";
    static final long PROBE_MILLIS = 5_000;
    static final long STABLE_MILLIS = 1_000;

    private final Benchmarks bench;

    TracingOverhead(Benchmarks bench) {
        this.bench = bench;
    }

    /** Before the container starts: the REST endpoint opened, tracing on. */
    static void configure(Path home) throws Exception {
        Files.writeString(home.resolve("etc/conflux.endpoint-bench-tracing.cfg"),
                "path = /api/bench-tracing/*\npolicy = none\n");
        setEnabled(home, true);
    }

    /** Rewrites the {@code enabled} line of etc/conflux.tracing.cfg, keeping every other setting. */
    static void setEnabled(Path home, boolean on) throws Exception {
        Path cfg = home.resolve(CFG);
        String kept = !Files.exists(cfg) ? "" : Files.readString(cfg).replaceAll("(?m)^\\s*enabled\\s*[=:].*\\n?", "");
        Path tmp = home.resolve("conflux.tracing.cfg.tmp");
        Files.writeString(tmp, kept + (kept.isEmpty() || kept.endsWith("\n") ? "" : "\n") + "enabled = " + on + "\n");
        Files.move(tmp, cfg, StandardCopyOption.REPLACE_EXISTING);
    }

    void run() throws Exception {
        bench.deploy("bench-tracing-jms.yaml", """
                - route:
                    id: bench-tracing-jms
                    from:
                      uri: jms:queue:bench.tracing.in?transacted=true&concurrentConsumers=%d
                      steps:
                        - to: jms:queue:bench.tracing.out
                """.formatted(Benchmarks.CLIENTS));
        bench.deploy("bench-tracing-rest.yaml", """
                - rest:
                    path: /bench-tracing
                    get:
                      - path: /ping
                        to: direct:bench-tracing-ping
                - route:
                    id: bench-tracing-ping
                    from:
                      uri: direct:bench-tracing-ping
                      steps:
                        - setBody:
                            constant: UP
                """);
        String rest = "http://127.0.0.1:" + bench.servicesPort + "/api/bench-tracing/ping";
        Benchmarks.await("REST route answering", () -> "UP".equals(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest)).build(), HttpResponse.BodyHandlers.ofString()).body()));
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
        try (Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
            connection.start();
            metric(RECORDED); // fails at once, not after a timeout, on a distribution without tracing
            tracing(connection, true);
            bench.jmsRun(connection, "bench.tracing.in", "bench.tracing.out", Benchmarks.WARMUP);
            bench.httpRun(rest, Benchmarks.WARMUP);
            int n = Benchmarks.REPEAT;
            Stats[] jmsOn = new Stats[n];
            Stats[] jmsOff = new Stats[n];
            Stats[] httpOn = new Stats[n];
            Stats[] httpOff = new Stats[n];
            double[] recorded = new double[2]; // hops recorded while on: B1 work, B3 work
            double dropped = 0;
            for (int i = 0; i < n; i++) {
                for (boolean on : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    tracing(connection, on);
                    // unmeasured, the same for both halves: the JIT re-compiles what the switch made cold
                    bench.jmsRun(connection, "bench.tracing.in", "bench.tracing.out", SWITCH_WARMUP_MESSAGES);
                    bench.httpRun(rest, SWITCH_WARMUP_REQUESTS);
                    double r0 = drained(RECORDED);
                    double d0 = metric(DROPPED);
                    Stats jms = bench.jmsRun(connection, "bench.tracing.in", "bench.tracing.out", Benchmarks.MESSAGES);
                    double r1 = drained(RECORDED);
                    Stats http = bench.httpRun(rest, Benchmarks.REQUESTS);
                    double r2 = drained(RECORDED);
                    if (on) {
                        recorded[0] += r1 - r0;
                        recorded[1] += r2 - r1;
                        dropped += metric(DROPPED) - d0;
                    } else if (r2 != r0) {
                        throw new IllegalStateException((r2 - r0) + " hops recorded with tracing off");
                    }
                    (on ? jmsOn : jmsOff)[i] = jms;
                    (on ? httpOn : httpOff)[i] = http;
                    System.out.printf(Locale.ROOT, "tracing %-3s pair %d: B1 work %.0f msg/s, B3 work %.0f req/s%n",
                            on ? "on" : "off", i + 1, jms.throughput(), http.throughput());
                }
            }
            tracing(connection, true);
            String setting = "tracing on (no payload capture) vs enabled = false; " + n + " alternating pairs";
            String hops = String.format(Locale.ROOT, "; hops recorded per message %.2f, per request %.2f; dropped %.0f",
                    recorded[0] / ((double) n * Benchmarks.MESSAGES), recorded[1] / ((double) n * Benchmarks.REQUESTS),
                    dropped);
            Stats on = Stats.median(jmsOn);
            Stats off = Stats.median(jmsOff);
            bench.row("T1", "B1's work with tracing on vs off (" + setting + ")", "flow, tracing on",
                    "same flow, tracing off", "msg/s", on.throughput(), off.throughput(), on, off,
                    "pair ratios " + AlertingOverhead.ratios(jmsOn, jmsOff) + hops);
            on = Stats.median(httpOn);
            off = Stats.median(httpOff);
            bench.row("T3", "B3's work with tracing on vs off (" + setting + ")", "REST route, tracing on",
                    "same route, tracing off", "req/s", on.throughput(), off.throughput(), on, off,
                    "pair ratios " + AlertingOverhead.ratios(httpOn, httpOff) + hops);
        }
        Files.delete(bench.conflux.home.resolve("flows/bench-tracing-jms.yaml"));
        Files.delete(bench.conflux.home.resolve("flows/bench-tracing-rest.yaml"));
    }

    /**
     * Switches tracing and waits until the container runs with it: on, a probe message through the flow is recorded;
     * off, two probes in a row are not.
     */
    void tracing(Connection connection, boolean on) throws Exception {
        setEnabled(bench.conflux.home, on);
        int[] quiet = {0};
        Benchmarks.await("tracing " + (on ? "on" : "off"), () -> {
            double before = drained(RECORDED);
            probe(connection);
            if (on) {
                long deadline = System.nanoTime() + PROBE_MILLIS * 1_000_000;
                while (System.nanoTime() < deadline) {
                    if (drained(RECORDED) > before) {
                        return true;
                    }
                    Thread.sleep(50);
                }
                return false;
            }
            quiet[0] = drained(RECORDED) == before ? quiet[0] + 1 : 0;
            return quiet[0] >= 2;
        });
    }

    /** One message through the benchmark's flow, there and out. */
    void probe(Connection connection) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer out = s.createConsumer(s.createQueue("bench.tracing.out"));
            s.createProducer(s.createQueue("bench.tracing.in")).send(s.createTextMessage("probe"));
            if (out.receive(60_000) == null) {
                throw new IllegalStateException("the probe message did not come through the flow");
            }
        }
    }

    /**
     * A counter's value once every accepted hop has been written: the buffer is empty and the counter stayed the same
     * for {@value #STABLE_MILLIS} ms (the writer holds a batch outside the buffer for up to flush.millis, 200 ms by
     * default, and then writes it).
     */
    double drained(String counter) throws Exception {
        double[] last = {Double.NaN};
        long[] since = {0};
        Benchmarks.await("trace hops written", () -> {
            double now = metric(BUFFERED) == 0 ? metric(counter) : Double.NaN;
            if (Double.isNaN(now) || now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] >= STABLE_MILLIS * 1_000_000;
        });
        return last[0];
    }

    /** The sum of a metric's series on /metrics (management plane, as admin); fails if the metric is missing. */
    double metric(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + bench.httpPort + "/metrics")).header("Authorization", Benchmarks.basic()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return sum(response.body(), name);
    }

    /** The sum of a metric's series in a Prometheus text exposition; fails if it has none. */
    static double sum(String exposition, String name) {
        List<Double> values = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                values.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no " + name + " on /metrics: is this distribution built with tracing?");
        }
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
