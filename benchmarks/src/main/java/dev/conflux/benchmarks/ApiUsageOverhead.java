package dev.conflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Case API_USAGE: what counting API usage costs a REST call. B3's work (REST GET on a flow) runs on one container
 * with API usage on (the shipped default: every call counted per operation and consumer, minutes written to the
 * trace store) and off (the bundle {@value #BUNDLE} stopped: the service plane tells no one), alternately (on, off,
 * then off, on, ...), {@code bench.repeat} pairs. Row U3: "Conflux" is counting on, "baseline" counting off. Each
 * "on" run is checked to have been counted, so the row cannot compare two runs without counting.
 */
final class ApiUsageOverhead {

    static final String BUNDLE = "dev.conflux.apiusage";
    static final String OPERATION = "GET /api/bench-usage/ping";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Benchmarks bench;

    ApiUsageOverhead(Benchmarks bench) {
        this.bench = bench;
    }

    /** Before the container starts: the benchmark's endpoint is open (its calls are counted under the address). */
    static void configure(Path home) throws Exception {
        Files.writeString(home.resolve("etc/conflux.endpoint-bench-usage.cfg"), "path = /api/bench-usage/*\npolicy = none\n");
    }

    void run() throws Exception {
        bench.deploy("bench-usage-rest.yaml", """
                - rest:
                    path: /bench-usage
                    get:
                      - path: /ping
                        to: direct:bench-usage-ping
                - route:
                    id: bench-usage-ping
                    from:
                      uri: direct:bench-usage-ping
                      steps:
                        - setBody:
                            constant: UP
                """);
        String rest = "http://127.0.0.1:" + bench.servicesPort + "/api/bench-usage/ping";
        Benchmarks.await("REST route answering", () -> "UP".equals(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest)).build(), HttpResponse.BodyHandlers.ofString()).body()));
        counting(true);
        bench.httpRun(rest, Benchmarks.WARMUP);
        Stats[] on = new Stats[Benchmarks.REPEAT];
        Stats[] off = new Stats[Benchmarks.REPEAT];
        for (int i = 0; i < Benchmarks.REPEAT; i++) {
            for (boolean counting : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                counting(counting);
                long before = counting ? counted() : 0;
                Stats http = bench.httpRun(rest, Benchmarks.REQUESTS);
                if (counting && counted() - before < Benchmarks.REQUESTS) {
                    throw new IllegalStateException("API usage did not count the " + Benchmarks.REQUESTS
                            + " calls of an 'on' run");
                }
                (counting ? on : off)[i] = http;
                System.out.printf(Locale.ROOT, "API usage %-3s pair %d: B3 work %.0f req/s%n", counting ? "on" : "off",
                        i + 1, http.throughput());
            }
        }
        counting(true);
        Stats a = Stats.median(on);
        Stats b = Stats.median(off);
        bench.row("U3", "B3's work with API usage counted vs not (" + BUNDLE + " stopped); " + Benchmarks.REPEAT
                + " alternating pairs", "REST route, counted", "same route, not counted", "req/s", a.throughput(),
                b.throughput(), a, b, "pair ratios " + AlertingOverhead.ratios(on, off));
        Files.delete(bench.conflux.home.resolve("flows/bench-usage-rest.yaml"));
    }

    /** The calls of the benchmark's operation counted in the last hour. */
    private long counted() throws Exception {
        JsonNode answer = JSON.readTree(AlertingOverhead.jolokia(bench,
                "exec/conflux:type=apiusage/usage/1h/operation"));
        for (JsonNode row : JSON.readTree(answer.path("value").asText("[]"))) {
            if (OPERATION.equals(row.path("operation").asText())) {
                return row.path("calls").asLong();
            }
        }
        return 0;
    }

    /** Starts or stops the API usage bundle and waits until its MBean is there (on) or gone (off). */
    private void counting(boolean on) throws Exception {
        AlertingOverhead.jolokia(bench, "exec/org.apache.karaf:type=bundle,name=root/" + (on ? "start" : "stop")
                + "(java.lang.String)/" + BUNDLE);
        Benchmarks.await("API usage " + (on ? "on" : "off"), () -> {
            String json = AlertingOverhead.jolokia(bench, "exec/conflux:type=apiusage/usage/5m/operation");
            return on ? json.contains("\"status\":200") : json.contains("\"status\":404");
        });
    }
}
