package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cluster of Conflux nodes on this machine, as docs/cluster.md sets one up: the test environment's distribution
 * unpacked once per node, one cluster definition ({@code etc/conflux.cluster.cfg}, free loopback ports) copied to
 * every node, a shared directory, and each node started with {@code bin/conflux start}, {@code CONFLUX_NODE} and the
 * cluster's secret. A node can be killed ({@code kill -9}) and started again.
 */
final class ClusterNodes implements AutoCloseable {

    static final String ADMIN = ConfluxDistribution.ADMIN;
    static final String PASSWORD = "cluster-" + UUID.randomUUID();
    static final String SECRET = "secret-" + UUID.randomUUID();
    static final List<String> PLANES = List.of("http", "services", "broker", "amqp", "mqtt", "stomp", "ssh",
            "jmx.registry", "jmx.server");

    /** A node: its name, broker role (primary, backup, none), home and ports by plane. */
    record Node(String name, String broker, Path home, Map<String, Integer> ports) {
        int port(String plane) {
            return ports.get(plane);
        }
    }

    private final Path dir;
    private final Path shared;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Http http = new Http();

    /** Unpacks one node per {@code name=role} (role primary, backup or none) and writes the cluster's definition. */
    ClusterNodes(Path archive, Map<String, String> roles) throws Exception {
        dir = Files.createDirectories(Path.of("target", "cluster-" + UUID.randomUUID()).toAbsolutePath());
        shared = Files.createDirectories(dir.resolve("shared"));
        StringBuilder definition = new StringBuilder("# written by the test, as an architect would\nnodes = ")
                .append(String.join(", ", roles.keySet())).append("\nshared.dir = ").append(shared).append("\n");
        for (Map.Entry<String, String> role : roles.entrySet()) {
            Path unpack = Files.createDirectories(dir.resolve(role.getKey()));
            EnvironmentsIT.run(unpack, List.of("tar", "xzf", archive.toString()), Map.of(), 0);
            Path home;
            try (var entries = Files.list(unpack)) {
                home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            definition.append("\nnode.").append(role.getKey()).append(".host = 127.0.0.1\n");
            definition.append("node.").append(role.getKey()).append(".broker = ").append(role.getValue()).append('\n');
            for (String plane : PLANES) {
                ports.put(plane, ConfluxDistribution.freePort());
                definition.append("node.").append(role.getKey()).append('.').append(plane).append(".port = ")
                        .append(ports.get(plane)).append('\n');
            }
            nodes.put(role.getKey(), new Node(role.getKey(), role.getValue(), home, ports));
        }
        for (Node n : nodes.values()) {
            Files.writeString(n.home().resolve("etc/conflux.cluster.cfg"), definition);
            // A support user of the console on every node, as an administrator adds one.
            Files.writeString(n.home().resolve("etc/users.properties"), "\n" + ConfluxDistribution.VIEWER + " = "
                    + ConfluxDistribution.VIEWER_PASSWORD + ",_g_:viewers\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** bin/conflux start with this environment (a wrong one), expecting it to refuse: its exit and output. */
    Processes.Result refusedStart(Map<String, String> env) throws Exception {
        return EnvironmentsIT.run(nodes.values().iterator().next().home(), List.of("bin/conflux", "start"), env, 2);
    }

    static Map<String, String> environment(String node) {
        return Map.of("CONFLUX_NODE", node, "CONFLUX_CLUSTER_SECRET", SECRET, "CONFLUX_ADMIN_PASSWORD", PASSWORD);
    }

    String consoleUrl(String name) {
        return "http://127.0.0.1:" + nodes.get(name).port("http") + "/hawtio";
    }

    Node node(String name) {
        return nodes.get(name);
    }

    /** The directory every node shares: flows/, etc/, locks/. */
    Path shared() {
        return shared;
    }

    /** The Artemis URL of the broker pair for an outside client, failing over by itself. */
    String brokerUrl() {
        StringBuilder url = new StringBuilder("(");
        for (Node n : nodes.values()) {
            if (!"none".equals(n.broker())) {
                url.append(url.length() > 1 ? "," : "").append("tcp://127.0.0.1:").append(n.port("broker"));
            }
        }
        return url.append(")?ha=true&reconnectAttempts=-1&initialConnectAttempts=-1&retryInterval=250"
                + "&retryIntervalMultiplier=1.5&maxRetryInterval=2000").toString();
    }

    /** bin/conflux start for the node; returns once its console answers with the process id. */
    void start(String name) throws Exception {
        Node n = nodes.get(name);
        EnvironmentsIT.run(n.home(), List.of("bin/conflux", "start"), environment(name), 0);
        long pid = Long.parseLong(Await.until("node " + name + "'s console answering", Duration.ofMinutes(3),
                () -> value(jolokia(name, "read/java.lang:type=Runtime/Pid"))));
        pids.put(name, pid);
    }

    /** kill -9 of the node's Java process: no shutdown of any kind. */
    void kill(String name) throws Exception {
        long pid = pids.remove(name);
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("node " + name + " is not running"));
        p.destroyForcibly();
        Await.until("node " + name + " gone", Duration.ofSeconds(30), () -> p.isAlive() ? null : true);
    }

    /** The node's readiness as a load balancer sees it: 200 on the service plane's /health/ready. */
    boolean ready(String name) {
        try {
            return http.get("http://127.0.0.1:" + nodes.get(name).port("services") + "/health/ready").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    HttpResponse<String> jolokia(String name, String path) throws Exception {
        int port = nodes.get(name).port("http");
        return http.get("http://127.0.0.1:" + port + "/hawtio/jolokia/" + path,
                "Authorization", Http.basic(ADMIN, PASSWORD), "Origin", "http://127.0.0.1:" + port);
    }

    /** Jolokia's {@code value} as text (JSON for objects), or null when the call did not answer 200/200. */
    static String value(HttpResponse<String> r) throws Exception {
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

    /** Stops what still runs (kill -9: the test is over) and keeps every node's log beside the test reports. */
    @Override
    public void close() {
        for (Long pid : pids.values()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Node n : nodes.values()) {
            try {
                Path log = n.home().resolve("data/log/karaf.log");
                if (Files.exists(log)) {
                    Path kept = Path.of("target", "failsafe-reports", "ClusterIT-" + n.name() + "-karaf.log");
                    Files.createDirectories(kept.getParent());
                    Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (Exception e) {
                System.err.println("could not keep node " + n.name() + "'s log: " + e);
            }
        }
    }
}
