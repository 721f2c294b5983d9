package dev.conflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * HTTP load from wrk (https://github.com/wg/wrk, 4.x), run as a process of its own so that the load generator's CPU
 * is counted apart from the server's. wrk is not needed by the build or the test suite, only by the HTTP cases of
 * the benchmark; on Debian/Ubuntu {@code apt-get install wrk} provides it ({@code -Dbench.wrk} names another
 * binary). The request, the optional fixed rate and the JSON result line are wrk/load.lua's (a resource of this
 * module, copied to the work directory).
 *
 * <p>Every answer outside 200-299, and every socket error or timeout, fails the run with an
 * {@link IllegalStateException} naming the URL and the counts: a run with errors is never reported. wrk measures a
 * request's latency from when it is written; at a fixed rate a stalled server delays the requests not yet sent
 * without counting that wait (wrk is closed-loop, unlike wrk2), so its tail latencies are a lower bound.
 */
final class HttpLoad {

    static final Path WRK = Path.of(System.getProperty("bench.wrk", "/usr/bin/wrk"));
    /** wrk threads: one, so that wrk takes at most one of the machine's cores. */
    static final int THREADS = Integer.getInteger("bench.wrkThreads", 1);
    /** Connections at saturation. */
    static final int CONNECTIONS = Integer.getInteger("bench.httpConnections", 16);
    /** Seconds per measured run. */
    static final int SECONDS = Integer.getInteger("bench.httpSeconds", 10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A process's CPU time so far, in ms (the server's: the container, a bare JVM, or both). */
    interface Cpu {
        long millis() throws IOException;
    }

    /** What to send. */
    record Request(String method, byte[] body, Map<String, String> headers) {

        static Request get() {
            return new Request("GET", null, Map.of());
        }

        static Request post(String contentType, byte[] body, Map<String, String> extraHeaders) {
            Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
            headers.put("Content-Type", contentType);
            return new Request("POST", body, headers);
        }
    }

    /**
     * One measured run: {@code stats} holds the count, seconds, p50/p95/p99 (ms), the server's CPU (ms, as
     * containerCpuMs) and wrk's own CPU (ms, as clientCpuMs).
     */
    record Run(String url, Stats stats, double targetRate, double meanLatencyMs) {

        double throughput() {
            return stats.throughput();
        }

        /** Server CPU per request, µs. */
        double serverCpuMicros() {
            return 1000.0 * stats.containerCpuMs() / stats.count();
        }

        /** wrk's CPU per request, µs. */
        double clientCpuMicros() {
            return 1000.0 * stats.clientCpuMs() / stats.count();
        }
    }

    private final Path dir;
    private final Path script;
    private final String clockTicks;
    private int bodies;

    HttpLoad(Path work) throws Exception {
        if (!Files.isExecutable(WRK)) {
            throw new IllegalStateException("The HTTP benchmarks (B3, B3SOAP) need wrk at " + WRK + ", which is not"
                    + " there: install it (Debian/Ubuntu: apt-get install wrk) or name it with -Dbench.wrk=/path/to/wrk");
        }
        dir = Files.createDirectories(work.resolve("wrk"));
        script = dir.resolve("load.lua");
        try (InputStream in = HttpLoad.class.getResourceAsStream("/wrk/load.lua")) {
            if (in == null) {
                throw new IllegalStateException("wrk/load.lua is missing from the benchmark's class path");
            }
            Files.write(script, in.readAllBytes());
        }
        String ticks;
        try {
            ticks = Instance.run(dir, List.of("getconf", "CLK_TCK"), Map.of()).trim();
            Long.parseLong(ticks);
        } catch (Exception e) {
            ticks = "100";
        }
        clockTicks = ticks;
    }

    /** As many requests as the server answers on {@link #CONNECTIONS} connections for {@code seconds}. */
    Run saturate(String url, Request request, int seconds, Cpu server) throws Exception {
        return run(url, request, CONNECTIONS, seconds, 0, server);
    }

    /**
     * About {@code rate} requests per second for {@code seconds}, paced by wrk's delay() hook on a schedule
     * (wrk/load.lua): request k is due at k / rate s. Enough connections (rate / 100, at least
     * {@link #CONNECTIONS}) that one is free whenever a request is due while the server keeps up (idle keep-alive
     * connections cost the server nothing); one that does not falls behind, and the achieved rate says so.
     */
    Run fixedRate(String url, Request request, double rate, int seconds, Cpu server) throws Exception {
        int connections = (int) Math.max(CONNECTIONS, Math.min(400, Math.ceil(rate / 100)));
        return run(url, request, connections, seconds, rate, server);
    }

    Run run(String url, Request request, int connections, int seconds, double rate, Cpu server) throws Exception {
        int threads = Math.min(THREADS, connections);
        List<String> command = new ArrayList<>(List.of(WRK.toString(), "-t" + threads,
                "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), url));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("WRK_METHOD", request.method());
        if (request.body() != null) {
            Path body = dir.resolve("body-" + (++bodies) + ".bin");
            Files.write(body, request.body());
            env.put("WRK_BODY_FILE", body.toString());
        }
        env.put("WRK_HEADERS", request.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
                .collect(Collectors.joining("\n")));
        env.put("WRK_RATE", String.valueOf(rate));
        env.put("WRK_CONNECTIONS", String.valueOf(connections));
        env.put("WRK_THREADS", String.valueOf(threads));
        env.put("WRK_CLK_TCK", clockTicks);
        long cpu0 = server.millis();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ended = p.waitFor(seconds + 60L, TimeUnit.SECONDS);
        long serverCpu = server.millis() - cpu0;
        if (!ended) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not end: " + command + "\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("WRK_RESULT ")).findFirst().orElseThrow(
                () -> new IllegalStateException("wrk (exit " + p.exitValue() + ") printed no result for " + url
                        + ": " + command + "\n" + out));
        JsonNode r = JSON.readTree(line.substring("WRK_RESULT ".length()));
        JsonNode e = r.path("errors");
        long errors = 0;
        for (String kind : List.of("connect", "read", "write", "status", "timeout", "non2xx")) {
            errors += e.path(kind).asLong();
        }
        long requests = r.path("requests").asLong();
        if (errors > 0 || requests == 0 || p.exitValue() != 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s %s: %d requests with errors (connect %d,"
                    + " read %d, write %d, status > 399 %d, timeout %d, outside 200-299 %d, first such status %d);"
                    + " wrk exit %d: not reported. wrk's output:%n%s", request.method(), url, requests,
                    e.path("connect").asLong(), e.path("read").asLong(), e.path("write").asLong(),
                    e.path("status").asLong(), e.path("timeout").asLong(), e.path("non2xx").asLong(),
                    e.path("firstNon2xx").asLong(), p.exitValue(), out));
        }
        JsonNode latency = r.path("latencyMicros");
        Stats stats = new Stats(requests, r.path("durationMicros").asLong() / 1e6, latency.path("p50").asLong() / 1e3,
                latency.path("p95").asLong() / 1e3, latency.path("p99").asLong() / 1e3, serverCpu,
                Math.round(r.path("cpuMillis").asDouble()));
        return new Run(url, stats, rate, latency.path("mean").asDouble() / 1e3);
    }
}
