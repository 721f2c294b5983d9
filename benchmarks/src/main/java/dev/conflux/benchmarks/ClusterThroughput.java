package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Case CLUSTER: B1's work (persistent JMS messages → transacted flow → queue) on one node, on the HA pair (nodes a and
 * b: the primary serves, every write is replicated to the backup; the flow runs on both) and on three nodes (plus c,
 * client-only), in the same run. Server CPU is summed over the nodes' processes, so "CPU per message" is what the
 * whole cluster spends. Rows C1 (pair vs one node) and C2 (three nodes vs one node). On one 2-core machine the nodes
 * share the cores: see docs/cluster.md for what that can and cannot show.
 */
final class ClusterThroughput {

    private static final String SECRET = "bench-cluster-" + UUID.randomUUID();
    private static final String FLOW = Benchmarks.jmsRelayFlow("bench-cluster", "bench.cluster.in", "bench.cluster.out");

    private final Benchmarks bench;

    ClusterThroughput(Benchmarks bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        // One node: the instance every case runs against, alone, with the same flow.
        bench.deploy("bench-cluster.yaml", FLOW);
        ActiveMQConnectionFactory single = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
        Stats one;
        try (Connection c = single.createConnection("admin", Benchmarks.PASSWORD)) {
            c.start();
            bench.jmsRun(c, "bench.cluster.in", "bench.cluster.out", Benchmarks.WARMUP);
            one = bench.repeat(() -> bench.jmsRun(c, "bench.cluster.in", "bench.cluster.out", Benchmarks.MESSAGES));
        }
        Files.delete(bench.conflux.home.resolve("flows/bench-cluster.yaml"));

        Map<String, String> roles = new LinkedHashMap<>(Map.of("a", "primary"));
        roles.put("b", "backup");
        roles.put("c", "none");
        Path shared = Files.createDirectories(bench.work.resolve("cluster-shared"));
        Files.createDirectories(shared.resolve("flows"));
        Map<String, Instance> nodes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        StringBuilder definition = new StringBuilder("nodes = a, b, c\nshared.dir = " + shared.toAbsolutePath() + "\n");
        for (Map.Entry<String, String> role : roles.entrySet()) {
            Instance node = Instance.unpack(Path.of(System.getProperty("bench.distribution")),
                    bench.work.resolve("cluster-" + role.getKey()));
            Map<String, Integer> p = new LinkedHashMap<>();
            definition.append("node.").append(role.getKey()).append(".host = 127.0.0.1\nnode.").append(role.getKey())
                    .append(".broker = ").append(role.getValue()).append('\n');
            for (String plane : List.of("http", "services", "broker", "amqp", "mqtt", "stomp", "ssh", "jmx.registry",
                    "jmx.server")) {
                p.put(plane, Instance.freePort());
                definition.append("node.").append(role.getKey()).append('.').append(plane).append(".port = ")
                        .append(p.get(plane)).append('\n');
            }
            node.env.put("CONFLUX_NODE", role.getKey());
            node.env.put("CONFLUX_CLUSTER_SECRET", SECRET);
            node.env.put("CONFLUX_ADMIN_PASSWORD", Benchmarks.PASSWORD);
            nodes.put(role.getKey(), node);
            ports.put(role.getKey(), p);
        }
        for (Instance node : nodes.values()) {
            Files.writeString(node.home.resolve("etc/conflux.cluster.cfg"), definition);
        }
        Files.writeString(shared.resolve("flows/bench-cluster.yaml"), FLOW);
        String url = "(tcp://127.0.0.1:" + ports.get("a").get("broker") + ",tcp://127.0.0.1:" + ports.get("b").get("broker")
                + ")?ha=true&reconnectAttempts=-1";
        List<Instance> running = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                start(nodes.get(name), ports.get(name), running);
            }
            await(ports.get("b"), "org.apache.activemq.artemis:broker=%22conflux%22/ReplicaSync", "true");
            Stats pair = measure(url, running);
            start(nodes.get("c"), ports.get("c"), running);
            Stats three = measure(url, running);
            String work = Benchmarks.MESSAGES + " persistent 1 KiB messages, " + Benchmarks.CLIENTS + " producers,"
                    + " transacted flow with " + Benchmarks.CLIENTS + " consumers per node";
            bench.row("C1", "B1's work on the HA pair (" + work + ")", "pair a+b (replicated)", "one node",
                    "msg/s", pair.throughput(), one.throughput(), pair, one, cpuPerMessage(pair, one));
            bench.row("C2", "B1's work on three nodes (" + work + ")", "a+b+c (c client-only)", "one node",
                    "msg/s", three.throughput(), one.throughput(), three, one, cpuPerMessage(three, one));
        } finally {
            for (Instance node : running) {
                node.stop(List.of("bin/conflux", "stop"), 0);
            }
        }
    }

    private void start(Instance node, Map<String, Integer> p, List<Instance> running) throws Exception {
        node.start(List.of("bin/conflux", "start"));
        running.add(node);
        Benchmarks.await("node ready with the flow", () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + p.get("services") + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                && jolokia(p, "exec/conflux:type=flows/info/bench-cluster").contains("\"state\":\"STARTED\""));
    }

    private Stats measure(String url, List<Instance> servers) throws Exception {
        ActiveMQConnectionFactory pair = new ActiveMQConnectionFactory(url);
        try (Connection c = pair.createConnection("admin", Benchmarks.PASSWORD)) {
            c.start();
            bench.jmsRun(c, "bench.cluster.in", "bench.cluster.out", Benchmarks.WARMUP, servers);
            return bench.repeat(() -> bench.jmsRun(c, "bench.cluster.in", "bench.cluster.out", Benchmarks.MESSAGES,
                    servers));
        }
    }

    private static void await(Map<String, Integer> p, String attribute, String value) throws Exception {
        Benchmarks.await(attribute + " = " + value, () -> jolokia(p, "read/" + attribute).contains("\"value\":" + value));
    }

    private static String jolokia(Map<String, Integer> p, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.get("http")
                + "/hawtio/jolokia/" + path)).header("Authorization", Benchmarks.basic())
                .header("Origin", "http://127.0.0.1:" + p.get("http")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String cpuPerMessage(Stats cluster, Stats one) {
        return String.format(Locale.ROOT, "server CPU per message: %.3f ms (all nodes) vs %.3f ms (one node)",
                (double) cluster.containerCpuMs() / cluster.count(), (double) one.containerCpuMs() / one.count());
    }
}
