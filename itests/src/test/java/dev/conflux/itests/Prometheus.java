package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server of its own, from Debian's prometheus package (./conflux test installs it): a generated
 * prometheus.yml (scrape and rule evaluation every second, the scrape jobs and rule files the test gives), a
 * temporary data directory, listening only on 127.0.0.1 at a free port. Queried over its HTTP API; stopped and
 * deleted on close.
 */
final class Prometheus implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    final int port;
    private final Path dir;
    private final Process process;
    private final Http http = new Http();

    /**
     * Starts Prometheus with these scrape jobs (YAML list items under {@code scrape_configs:}, indented by two
     * spaces) and rule files, and waits until it is ready. {@code files} (name to content, e.g. a password_file)
     * are written next to prometheus.yml, where relative paths in it point.
     */
    Prometheus(String scrapeConfigs, List<Path> ruleFiles, Map<String, String> files) throws Exception {
        requireInstalled();
        this.port = ConfluxDistribution.freePort();
        this.dir = Files.createTempDirectory("conflux-prometheus-");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                """);
        for (Path rules : ruleFiles) {
            config.append("  - ").append(quoted(rules.toAbsolutePath().toString())).append('\n');
        }
        config.append("scrape_configs:\n").append(scrapeConfigs);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            Await.until("Prometheus ready on port " + port, Duration.ofMinutes(1), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Prometheus exited with " + process.exitValue());
                }
                return http.get(url() + "/-/ready").statusCode() == 200;
            });
        } catch (AssertionError | Exception e) {
            AssertionError failed = new AssertionError("Prometheus did not start; its log:\n" + log());
            failed.initCause(e);
            close();
            throw failed;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * An instant PromQL query through the HTTP API ({@code /api/v1/query}): its {@code data.result} array. A query
     * Prometheus rejects (parse or evaluation error) fails with Prometheus's error message.
     */
    JsonNode query(String promql) throws Exception {
        JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return answer.path("data").path("result");
    }

    /** GET of an API path; fails unless Prometheus answers {@code "status":"success"}. */
    JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.get(url() + pathAndQuery);
        JsonNode answer = Http.json(r);
        if (r.statusCode() != 200 || !"success".equals(answer.path("status").asText())) {
            throw new AssertionError(pathAndQuery + " → " + r.statusCode() + " " + answer.path("errorType").asText()
                    + ": " + answer.path("error").asText());
        }
        return answer;
    }

    /** The first sample value of an instant query, or null when the result is empty. */
    Double value(String promql) throws Exception {
        JsonNode result = query(promql);
        return result.isEmpty() ? null : Double.valueOf(result.get(0).path("value").get(1).asText());
    }

    /** The scrape target of a job as {@code /api/v1/targets} shows it (health, lastError), or null. */
    JsonNode target(String job) throws Exception {
        for (JsonNode t : api("/api/v1/targets?state=active").path("data").path("activeTargets")) {
            if (job.equals(t.path("labels").path("job").asText())) {
                return t;
            }
        }
        return null;
    }

    /** Runs promtool (e.g. {@code check rules FILE}) with a deadline. */
    static Processes.Result promtool(Path workDir, String... args) throws Exception {
        requireInstalled();
        List<String> command = Stream.concat(Stream.of(PROMTOOL.toString()), Stream.of(args)).toList();
        return Processes.run(workDir, command, Map.of(), Duration.ofMinutes(1));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void requireInstalled() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(PROMTOOL)) {
            throw new AssertionError("Prometheus is not installed (no " + BINARY + " or " + PROMTOOL + "): the rules"
                    + " and the dashboard are tested against a real server; apt-get install prometheus"
                    + " (./conflux test does)");
        }
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
