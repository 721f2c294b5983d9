package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Case ALERTS: what alert evaluation costs the flows. B1's work (JMS queue → flow → queue) and B3's (REST GET on a
 * flow) run on one container with alerting on (the default rules, a few more aimed at the benchmark's own flows and
 * endpoint, evaluated every {@value #INTERVAL} instead of the default 5s) and off (the alerting bundle
 * {@value #BUNDLE} stopped: nothing evaluates), alternately (on, off, then off, on, ...), {@code bench.repeat} pairs.
 * Rows A1 (B1's work) and A3 (B3's work): "Conflux" is alerting on, "baseline" alerting off.
 */
final class AlertingOverhead {

    static final String BUNDLE = "dev.conflux.alerts";
    static final String INTERVAL = "1s";
    static final long SETTLE_MILLIS = 5_000;
    /** The rules shipped in etc/ (written here only when the distribution lacks them) and the benchmark's own. */
    static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("dead-letters", "kind = dead-letters\nqueue = *\nthreshold = 1\nwindow = 5m\nseverity = critical\n"),
            Map.entry("queue-backlog", "kind = queue-depth\nqueue = *\nthreshold = 1000\nfor = 5m\n"),
            Map.entry("queue-stale", "kind = queue-age\nqueue = *\nmaxAge = 15m\nfor = 1m\n"),
            Map.entry("flow-failures", "kind = flow-failure-ratio\nflow = *\nratio = 0.05\nminCount = 20\nwindow = 5m\n"
                    + "severity = critical\n"),
            Map.entry("flow-not-started", "kind = flow-not-started\nflow = *\nfor = 1m\nseverity = critical\n"),
            Map.entry("connector-down", "kind = connector-down\nconnector = *\nfor = 5m\n"),
            Map.entry("certificate-expiry", "kind = certificate-expiry\ndays = 30\n"),
            Map.entry("endpoint-errors", "kind = endpoint-error-ratio\nendpoint = *\nratio = 0.05\nminCount = 20\n"
                    + "window = 5m\n"),
            Map.entry("bench-flow-slow", "kind = flow-slow\nflow = *\np95 = 5s\nwindow = 1m\n"),
            Map.entry("bench-endpoint-slow", "kind = endpoint-slow\nendpoint = *\np95 = 2s\nwindow = 1m\n"),
            Map.entry("bench-silence", "kind = flow-silence\nflow = *\nidle = 10m\n"),
            Map.entry("bench-backlog", "kind = queue-depth\nqueue = bench.alerts.in\nthreshold = 100000\nfor = 1m\n"));

    private final Benchmarks bench;

    AlertingOverhead(Benchmarks bench) {
        this.bench = bench;
    }

    /** Before the container starts: the rules and the evaluation interval in its etc/. */
    static void configure(Path home) throws Exception {
        for (Map.Entry<String, String> rule : RULES.entrySet()) {
            Path file = home.resolve("etc/conflux.alert-" + rule.getKey() + ".cfg");
            if (!Files.exists(file)) {
                Files.writeString(file, rule.getValue());
            }
        }
        // Every endpoint asks for credentials unless a file opens it (as etc/conflux.endpoint-sample-orders.cfg in dev).
        Files.writeString(home.resolve("etc/conflux.endpoint-bench-alerts.cfg"),
                "path = /api/bench-alerts/*\npolicy = none\n");
        Path settings = home.resolve("etc/conflux.alerts.cfg");
        String kept = !Files.exists(settings) ? ""
                : Files.readString(settings).replaceAll("(?m)^\\s*evaluationInterval\\s*[=:].*$", "");
        Files.writeString(settings, kept + "\nevaluationInterval = " + INTERVAL + "\n");
    }

    void run() throws Exception {
        bench.deploy("bench-alerts-jms.yaml", """
                - route:
                    id: bench-alerts-jms
                    from:
                      uri: jms:queue:bench.alerts.in?transacted=true&concurrentConsumers=%d
                      steps:
                        - to: jms:queue:bench.alerts.out
                """.formatted(Benchmarks.CLIENTS));
        bench.deploy("bench-alerts-rest.yaml", """
                - rest:
                    path: /bench-alerts
                    get:
                      - path: /ping
                        to: direct:bench-alerts-ping
                - route:
                    id: bench-alerts-ping
                    from:
                      uri: direct:bench-alerts-ping
                      steps:
                        - setBody:
                            constant: UP
                """);
        String rest = "http://127.0.0.1:" + bench.servicesPort + "/api/bench-alerts/ping";
        Benchmarks.await("REST route answering", () -> "UP".equals(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest)).build(), HttpResponse.BodyHandlers.ofString()).body()));
        int rules = alerting(true);
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
        try (Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
            connection.start();
            bench.jmsRun(connection, "bench.alerts.in", "bench.alerts.out", Benchmarks.WARMUP);
            bench.httpRun(rest, Benchmarks.WARMUP);
            Stats[] jmsOn = new Stats[Benchmarks.REPEAT];
            Stats[] jmsOff = new Stats[Benchmarks.REPEAT];
            Stats[] httpOn = new Stats[Benchmarks.REPEAT];
            Stats[] httpOff = new Stats[Benchmarks.REPEAT];
            for (int i = 0; i < Benchmarks.REPEAT; i++) {
                for (boolean on : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    alerting(on);
                    // Let a started bundle finish its first evaluations (rules loaded, certificates read once an
                    // hour, state file): the steady cost of evaluation is measured, not the bundle's start.
                    Thread.sleep(SETTLE_MILLIS);
                    Stats jms = bench.jmsRun(connection, "bench.alerts.in", "bench.alerts.out", Benchmarks.MESSAGES);
                    Stats http = bench.httpRun(rest, Benchmarks.REQUESTS);
                    (on ? jmsOn : jmsOff)[i] = jms;
                    (on ? httpOn : httpOff)[i] = http;
                    System.out.printf(Locale.ROOT, "alerting %-3s pair %d: B1 work %.0f msg/s, B3 work %.0f req/s%n",
                            on ? "on" : "off", i + 1, jms.throughput(), http.throughput());
                }
            }
            alerting(true);
            String setting = rules + " rules every " + INTERVAL + " vs " + BUNDLE + " stopped; " + Benchmarks.REPEAT
                    + " alternating pairs";
            Stats on = Stats.median(jmsOn);
            Stats off = Stats.median(jmsOff);
            bench.row("A1", "B1's work with alerting on vs off (" + setting + ")", "flow, alerting on",
                    "same flow, alerting off", "msg/s", on.throughput(), off.throughput(), on, off,
                    "pair ratios " + ratios(jmsOn, jmsOff));
            on = Stats.median(httpOn);
            off = Stats.median(httpOff);
            bench.row("A3", "B3's work with alerting on vs off (" + setting + ")", "REST route, alerting on",
                    "same route, alerting off", "req/s", on.throughput(), off.throughput(), on, off,
                    "pair ratios " + ratios(httpOn, httpOff));
        }
        Files.delete(bench.conflux.home.resolve("flows/bench-alerts-jms.yaml"));
        Files.delete(bench.conflux.home.resolve("flows/bench-alerts-rest.yaml"));
    }

    static List<String> ratios(Stats[] on, Stats[] off) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < on.length; i++) {
            ratios.add(String.format(Locale.ROOT, "%.3f", on[i].throughput() / off[i].throughput()));
        }
        return ratios;
    }

    /**
     * Starts or stops the alerting bundle and waits until conflux:type=alerts has its rules (on) or is gone (off).
     * Returns how many rules are loaded (0 when off).
     */
    int alerting(boolean on) throws Exception {
        jolokia("exec/org.apache.karaf:type=bundle,name=root/" + (on ? "start" : "stop") + "(java.lang.String)/" + BUNDLE);
        int[] rules = {0};
        String[] json = {""};
        Benchmarks.await("alerting " + (on ? "on" : "off"), () -> {
            json[0] = jolokia("read/conflux:type=alerts/Rules");
            if (!on) {
                return json[0].contains("\"status\":404");
            }
            rules[0] = json[0].split("\"kind\"", -1).length - 1;
            return json[0].contains("\"status\":200") && rules[0] >= RULES.size();
        });
        if (json[0].contains("\"INVALID\"")) {
            throw new IllegalStateException("a benchmark alert rule is INVALID: " + json[0]);
        }
        return rules[0];
    }

    String jolokia(String path) throws Exception {
        return jolokia(bench, path);
    }

    /** A Jolokia GET on the benchmark's container as its admin; the answer's body. */
    static String jolokia(Benchmarks bench, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bench.httpPort
                + "/hawtio/jolokia/" + path)).header("Authorization", Benchmarks.basic())
                .header("Origin", bench.consoleOrigin()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
