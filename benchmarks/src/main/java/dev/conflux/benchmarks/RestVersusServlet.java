package dev.conflux.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * B3 (docs/performance.md): a REST DSL route on the service plane against a bare servlet, with load from wrk
 * ({@link HttpLoad}) in a process of its own, so that the server's CPU (the container's, from /proc) and the load
 * generator's are counted apart. Both sides are warmed up, then measured alternately ({@link Pairs}):
 * <ul>
 * <li>B3: GET at saturation ({@code bench.httpConnections} connections, {@code bench.httpSeconds} s per run): the
 * REST route ({@code rest:} → {@code direct:} → constant body) vs the bare {@code /health} servlet on the same
 * Jetty 12 server;</li>
 * <li>B3L: the same two at a fixed rate, half the bare servlet's median saturated throughput: latency;</li>
 * <li>B3J: the former B3 measurement (the JDK's HttpClient in the benchmark's JVM, {@code bench.requests} requests,
 * {@code bench.httpThreads} threads), kept to compare with earlier runs;</li>
 * <li>B3P / B3PL: POST of a 1 KiB JSON order to a REST DSL {@code post} route that reads the body and answers its
 * length, against a bare servlet doing the same on a bare Jetty 12 in a JVM of its own ({@link BareJetty}; the
 * service plane has no bare servlet that takes a POST): at saturation, then at half the bare one's rate.</li>
 * </ul>
 */
final class RestVersusServlet {

    /** Warm-up per side before the measured runs, seconds of saturation. */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.httpWarmupSeconds", 5);
    static final byte[] ORDER = order();

    private final Benchmarks bench;

    RestVersusServlet(Benchmarks bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        // Every endpoint asks for credentials unless a file opens it; B3 measures the route, not a login per request.
        Path policy = bench.conflux.home.resolve("etc/conflux.endpoint-bench.cfg");
        Files.writeString(policy, "path = /api/bench/*\npolicy = none\n");
        bench.deploy("bench-rest.yaml", """
                - rest:
                    path: /bench
                    get:
                      - path: /ping
                        to: direct:bench-ping
                    post:
                      - path: /order
                        to: direct:bench-order
                - route:
                    id: bench-ping
                    from:
                      uri: direct:bench-ping
                      steps:
                        - setBody:
                            constant: UP
                - route:
                    id: bench-order
                    from:
                      uri: direct:bench-order
                      steps:
                        - convertBodyTo:
                            type: String
                        - setBody:
                            simple: "${body.length()}"
                """);
        String base = "http://127.0.0.1:" + bench.servicesPort;
        String rest = base + "/api/bench/ping";
        String bare = base + "/health";
        String restPost = base + "/api/bench/order";
        HttpLoad.Request get = HttpLoad.Request.get();
        HttpLoad.Request post = HttpLoad.Request.post("application/json", ORDER, Map.of());
        Benchmarks.await("REST route answering", () -> "UP".equals(send(rest, null).body()));
        Benchmarks.await("REST POST route answering", () -> String.valueOf(ORDER.length).equals(send(restPost, ORDER).body()));

        HttpLoad load = new HttpLoad(bench.work);
        long pid = bench.conflux.pid();
        HttpLoad.Cpu container = () -> Instance.cpuMillisOf(pid);
        int n = Pairs.repetitions();
        int seconds = HttpLoad.SECONDS;
        String wrk = "wrk -t" + HttpLoad.THREADS + " -c" + HttpLoad.CONNECTIONS + " (client CPU = wrk's), " + seconds
                + " s per run";

        load.saturate(bare, get, WARMUP_SECONDS, container);
        load.saturate(rest, get, WARMUP_SECONDS, container);
        Pairs saturated = Pairs.alternate(n, () -> load.saturate(rest, get, seconds, container),
                () -> load.saturate(bare, get, seconds, container));
        bench.row("B3", "HTTP GET at saturation, " + wrk + ", keep-alive; server CPU = the container's",
                "REST DSL route on the service plane (Camel servlet)", "bare servlet (/health) on the same Jetty 12 server",
                "req/s", saturated.medianThroughputA(), saturated.medianThroughputB(), Pairs.medianRun(saturated.a),
                Pairs.medianRun(saturated.b), saturated.saturationNotes("REST", "bare"), saturated.throughputRatios());

        double rate = Double.parseDouble(System.getProperty("bench.httpRate",
                String.valueOf(Math.floor(saturated.medianThroughputB() / 2))));
        Pairs fixed = Pairs.alternate(n, () -> load.fixedRate(rest, get, rate, seconds, container),
                () -> load.fixedRate(bare, get, rate, seconds, container));
        latencyRow("B3L", String.format(Locale.ROOT, "HTTP GET at a fixed %.0f req/s (half the bare servlet's"
                + " saturated throughput), wrk (client CPU = wrk's), %d s per run", rate, seconds),
                "REST DSL route on the service plane",
                "bare servlet (/health) on the same Jetty 12 server", fixed, "REST", "bare");

        jdkClient(rest, bare);

        Path log = bench.work.resolve("bare-jetty.log");
        int port = Instance.freePort();
        String barePost = "http://127.0.0.1:" + port + "/echo";
        List<String> jvm = jvmOptionsOf(pid);
        try (OutOfProcess jetty = OutOfProcess.start(BareJetty.class, log, jvm, List.of(String.valueOf(port)))) {
            Benchmarks.await("bare Jetty answering (" + log + ")",
                    () -> String.valueOf(ORDER.length).equals(send(barePost, ORDER).body()));
            HttpLoad.Cpu bareCpu = jetty::cpuMillis;
            load.saturate(barePost, post, WARMUP_SECONDS, bareCpu);
            load.saturate(restPost, post, WARMUP_SECONDS, container);
            Pairs posts = Pairs.alternate(n, () -> load.saturate(restPost, post, seconds, container),
                    () -> load.saturate(barePost, post, seconds, bareCpu));
            String bareText = "bare servlet on a bare Jetty 12 in a JVM of its own (BareJetty; the service plane has"
                    + " no bare servlet taking POST; the container's heap/GC options " + jvm + "), reading the body as"
                    + " text and answering its length; server CPU = that JVM's";
            bench.row("B3P", "HTTP POST of a " + ORDER.length + " B JSON order at saturation, " + wrk
                    + "; server CPU = the container's", "REST DSL post route reading the body as text, answering its"
                    + " length", bareText, "req/s", posts.medianThroughputA(), posts.medianThroughputB(),
                    Pairs.medianRun(posts.a), Pairs.medianRun(posts.b), posts.saturationNotes("REST", "bare"),
                    posts.throughputRatios());
            double postRate = Double.parseDouble(System.getProperty("bench.httpPostRate",
                    String.valueOf(Math.floor(posts.medianThroughputB() / 2))));
            Pairs postLatency = Pairs.alternate(n, () -> load.fixedRate(restPost, post, postRate, seconds, container),
                    () -> load.fixedRate(barePost, post, postRate, seconds, bareCpu));
            latencyRow("B3PL", String.format(Locale.ROOT, "HTTP POST of a %d B JSON order at a fixed %.0f req/s (half"
                    + " the bare servlet's saturated throughput), wrk (client CPU = wrk's), %d s per run",
                    ORDER.length, postRate, seconds),
                    "REST DSL post route reading the body", bareText, postLatency, "REST", "bare");
        }
        Files.delete(bench.conflux.home.resolve("flows/bench-rest.yaml"));
        Files.delete(policy);
    }

    /** A row of a fixed-rate comparison: value = the median p99 (ms) of each side; the table's columns as usual. */
    void latencyRow(String id, String work, String measured, String baseline, Pairs pairs, String aName,
            String bName) {
        Stats a = Pairs.medianLatencies(pairs.a);
        Stats b = Pairs.medianLatencies(pairs.b);
        bench.row(id, work, measured, baseline, "p99 ms", a.p99(), b.p99(), a, b, pairs.latencyNotes(aName, bName),
                pairs.p99Ratios());
    }

    /**
     * B3J: the earlier B3, the JDK's HttpClient in the benchmark's JVM (which it charges as the client): cheap
     * (seconds), kept so that runs compare with those in docs/performance.md.
     */
    private void jdkClient(String rest, String bare) throws Exception {
        bench.httpRun(bare, Benchmarks.WARMUP);
        bench.httpRun(rest, Benchmarks.WARMUP);
        Stats[] baselines = new Stats[Benchmarks.REPEAT];
        Stats[] flows = new Stats[Benchmarks.REPEAT];
        for (int i = 0; i < Benchmarks.REPEAT; i++) {
            if (i % 2 == 0) {
                baselines[i] = bench.httpRun(bare, Benchmarks.REQUESTS);
                flows[i] = bench.httpRun(rest, Benchmarks.REQUESTS);
            } else {
                flows[i] = bench.httpRun(rest, Benchmarks.REQUESTS);
                baselines[i] = bench.httpRun(bare, Benchmarks.REQUESTS);
            }
        }
        Stats baseline = Stats.median(baselines);
        Stats flow = Stats.median(flows);
        bench.row("B3J", "HTTP GET, " + Benchmarks.REQUESTS + " requests, " + Benchmarks.HTTP_THREADS
                + " JDK HttpClient threads in the benchmark's JVM (B3 before wrk; client CPU = that JVM's)",
                "REST DSL route on the service plane (Camel servlet)", "bare servlet (/health) on the same Jetty 12 server",
                "req/s", flow.throughput(), baseline.throughput(), flow, baseline, "client CPU = the benchmark JVM's",
                Stats.ratios(flows, baselines));
    }

    /**
     * The container's heap, GC and JIT options (from /proc/PID/cmdline), for a baseline's JVM: both sides run with
     * the same memory and collector.
     */
    static List<String> jvmOptionsOf(long pid) throws Exception {
        String[] args = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).split("\0");
        List<String> options = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.matches("-Xm[sx].+|-Xss.+|-XX:[+-]Use\\w*GC|-XX:(MaxMetaspaceSize|MaxRAMPercentage|InitialRAMPercentage"
                    + "|TieredStopAtLevel|ActiveProcessorCount|CICompilerCount|ReservedCodeCacheSize)=.+")) {
                options.add(a);
            }
        }
        return options;
    }

    /** GET (body null) or POST of JSON; the answer. */
    static HttpResponse<String> send(String url, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer;
    }

    /** A JSON order of exactly 1024 bytes (its note padded). */
    private static byte[] order() {
        String head = "{\"orderId\":\"B3-000001\",\"customer\":\"ACME Corporation, purchasing\",\"item\":\"widget-42\","
                + "\"quantity\":3,\"lines\":[{\"sku\":\"W-42\",\"qty\":2,\"price\":19.90},{\"sku\":\"W-43\",\"qty\":1,"
                + "\"price\":7.50}],\"note\":\"";
        String tail = "\"}";
        return (head + "x".repeat(1024 - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
