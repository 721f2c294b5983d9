package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.Test;

/**
 * The cluster's guarantees (issue 19, docs/cluster.md), proven with three nodes on loopback: a (primary broker),
 * b (backup broker), c (client-only), HAProxy in front of their service planes, every flow and its configuration
 * deployed once into the shared directory.
 * <ul>
 * <li>50,000 persistent messages through a transacted relay flow that runs on every node, 2,000 REST orders through
 * HAProxy and 100 files for a singleton pickup flow, while node a (the active broker and the pickup's leader) is
 * killed with {@code kill -9}, then node c; both are started again.</li>
 * <li>At the end: every message is on the relay's output (0 lost; duplicates counted), every acknowledged order is on
 * its queue, every file was picked up exactly once, by more than one node; the failover times are printed.</li>
 * </ul>
 */
public class ClusterIT {

    static final int MESSAGES = 50_000;
    static final int BATCH = 250;
    static final int ORDERS = 2_000;
    static final int FILES = 100;

    static final String RELAY = """
            - route:
                id: relay
                from:
                  uri: jms:queue:chaos.in
                  steps:
                    # The same id when the broker redelivers after a failover: the output keeps one copy.
                    - setHeader:
                        name: _AMQ_DUPL_ID
                        simple: "relay-${header.JMSMessageID}"
                    - to: jms:queue:chaos.out
            """;

    static final String PICKUP = """
            - route:
                id: pickup
                from:
                  uri: "file:{{inbox}}?move=.done&delay=200"
                  steps:
                    # A file picked up again after its node died mid-way is sent with the same id: kept once.
                    - setHeader:
                        name: _AMQ_DUPL_ID
                        simple: "pickup-${file:name}"
                    - setHeader:
                        name: node
                        simple: "{{sys:conflux.node}}"
                    - setBody:
                        simple: "${file:name}"
                    - to: jms:queue:chaos.files
            """;

    static final String ORDERS_FLOW = """
            - rest:
                path: /chaos
                post:
                  - path: /orders
                    to: direct:order
            - route:
                id: order
                from:
                  uri: direct:order
                  steps:
                    - setHeader:
                        name: _AMQ_DUPL_ID
                        simple: "order-${header.id}"
                    - setBody:
                        simple: "${header.id}"
                    - to: jms:queue:chaos.orders?exchangePattern=InOnly
                    - setHeader:
                        name: CamelHttpResponseCode
                        constant: 202
                    - setBody:
                        constant: accepted
            """;

    /** A flow deployed while node c is down. */
    static final String LATE = """
            - route:
                id: late
                from:
                  uri: direct:late
                  steps:
                    - log: "deployed while node c was down"
            """;

    private final Map<String, String> figures = new LinkedHashMap<>();

    @Test
    public void nothingIsLostWhenTheActiveBrokersNodeAndTheClientOnlyNodeAreKilled() throws Exception {
        long begin = System.nanoTime();
        Path archive = Path.of(System.getProperty("conflux.distribution.test"));
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("a", "primary");
        roles.put("b", "backup");
        roles.put("c", "none");
        try (ClusterNodes cluster = new ClusterNodes(archive, roles)) {
            Path inbox = Files.createDirectories(cluster.shared().resolve("inbox"));
            deploy(cluster, inbox);
            ConnectionFactory pair = new ActiveMQConnectionFactory(cluster.brokerUrl());

            // A node that is not in the definition, or without the cluster's secret, does not start.
            Map<String, String> unknown = new HashMap<>(ClusterNodes.environment("x"));
            assertTrue(cluster.refusedStart(unknown).output().contains(
                    "Conflux refuses to start node 'x': no such node; the cluster's nodes are: a, b, c"));
            Map<String, String> noSecret = new HashMap<>(ClusterNodes.environment("a"));
            noSecret.remove("CONFLUX_CLUSTER_SECRET");
            assertTrue(cluster.refusedStart(noSecret).output().contains("CONFLUX_CLUSTER_SECRET is not set"));

            // a first, so that it leads the singleton pickup: the kill of a then moves it.
            cluster.start("a");
            Files.writeString(inbox.resolve("probe.txt"), "probe");
            Map<String, String> probeNode = new HashMap<>();
            ClusterLoad.drain(pair, "chaos.files", 1, ClusterLoad.deadline(120), probeNode, "node");
            assertEquals("the pickup runs on the first node up", "a", probeNode.get("probe.txt"));
            cluster.start("b");
            cluster.start("c");
            JsonNode view = awaitCluster(cluster, "c", "b", "passive (in sync)", 3);
            assertEquals("the cluster as node c sees it: " + view, "[]", view.path("problems").toString());
            for (JsonNode flow : view.path("flows")) {
                assertTrue("each flow runs the same content on every node: " + flow, flow.path("same").asBoolean());
                assertEquals(flow.toString(), 3, flow.path("revisions").size());
            }
            figures.put("cluster up (3 nodes, flows deployed)", seconds(begin));
            String status;
            try (Shell shell = new Shell(cluster.node("a").port("ssh"), ClusterNodes.ADMIN, ClusterNodes.PASSWORD)) {
                // a reads the others' reports every few seconds: c's first one may not have reached it yet.
                status = Await.until("conflux:cluster-status on a without problems", Duration.ofSeconds(30), () -> {
                    String out = shell.run("conflux:cluster-status");
                    return out.contains("No problems.") ? out : null;
                });
            }
            for (String words : List.of("a (this node)", "active", "passive (in sync)", "No problems.")) {
                assertTrue("conflux:cluster-status on a says '" + words + "':\n" + status, status.contains(words));
            }
            assertTrue("node c is client-only, without a broker:\n" + status, status.lines().anyMatch(
                    l -> l.strip().startsWith("c ") && l.contains("none") && l.contains("up")));

            try (HaProxy lb = new HaProxy(cluster.shared().getParent(), Map.of(
                    "a", cluster.node("a").port("services"), "b", cluster.node("b").port("services"),
                    "c", cluster.node("c").port("services")))) {
                Await.until("HAProxy sending to the nodes", Duration.ofSeconds(30), () ->
                        new Http().get(lb.url() + "/health/ready").statusCode() == 200 ? true : null);
                ClusterLoad.Messages messages = new ClusterLoad.Messages(pair, "chaos.in", MESSAGES, BATCH,
                        MESSAGES / ORDERS);
                Semaphore filePace = new Semaphore(0);
                ClusterLoad.Orders orders = new ClusterLoad.Orders(lb.url() + "/api/chaos/orders", ORDERS,
                        messages.progress, filePace, ORDERS / FILES);
                ClusterLoad.FileDrops files = new ClusterLoad.FileDrops(inbox, FILES, filePace);
                long load = System.nanoTime();
                List<Thread> threads = List.of(new Thread(messages, "messages"), new Thread(orders, "orders"),
                        new Thread(files, "files"));
                threads.forEach(Thread::start);

                Await.until("15,000 messages sent", Duration.ofMinutes(3), () -> messages.committed.get() >= 15_000 ? true : null);
                long kill = System.nanoTime();
                cluster.kill("a");
                Await.until("b's broker active", Duration.ofMinutes(1), () ->
                        "true".equals(ClusterNodes.value(cluster.jolokia("b",
                                "read/org.apache.activemq.artemis:broker=%22conflux%22/Active"))) ? true : null);
                figures.put("kill -9 a to b's broker active", seconds(kill));
                Await.until("30,000 messages sent", Duration.ofMinutes(3), () -> messages.committed.get() >= 30_000 ? true : null);
                cluster.kill("c");
                // Deployed while c is down: c must run it when it returns.
                Files.writeString(cluster.shared().resolve("flows/late.yaml"), LATE);
                cluster.start("a");
                cluster.start("c");
                for (Thread t : threads) {
                    t.join(Duration.ofMinutes(5).toMillis());
                    assertTrue(t.getName() + " still running after 5 minutes", !t.isAlive());
                }
                assertNull("the message producer failed", messages.failed);
                assertNull("the REST client failed", orders.failed);
                assertNull("the file writer failed", files.failed);
                figures.put("load (sending) duration", seconds(load));
                figures.put("message producer outage (first failed commit to first commit after)",
                        outage(messages.outage));
                figures.put("batches committed before a failover, sent again and refused as duplicates",
                        String.valueOf(messages.duplicateBatches.get()));
                figures.put("REST outage through HAProxy (first failed order to first accepted after)",
                        outage(orders.outage));
                figures.put("REST orders accepted / failed to the client",
                        orders.acknowledged.size() + " / " + orders.refused.size() + " " + kinds(orders.refused));

                Map<String, Integer> out = ClusterLoad.drain(pair, "chaos.out", MESSAGES, ClusterLoad.deadline(300),
                        null, null);
                Map<String, Integer> queued = ClusterLoad.drain(pair, "chaos.orders", orders.acknowledged.size(),
                        ClusterLoad.deadline(60), null, null);
                Map<String, String> pickedBy = new HashMap<>();
                Map<String, Integer> picked = ClusterLoad.drain(pair, "chaos.files", FILES, ClusterLoad.deadline(120),
                        pickedBy, "node");

                int lost = 0;
                for (int i = 0; i < MESSAGES; i++) {
                    lost += out.containsKey("m-" + i) ? 0 : 1;
                }
                long duplicates = out.values().stream().mapToInt(n -> n - 1).sum();
                figures.put("messages lost", String.valueOf(lost));
                figures.put("messages delivered twice or more (duplicates)", String.valueOf(duplicates));
                Set<String> missingOrders = new TreeSet<>(orders.acknowledged);
                missingOrders.removeAll(queued.keySet());
                figures.put("accepted REST orders missing", String.valueOf(missingOrders.size()));
                figures.put("refused REST orders that reached the queue anyway", String.valueOf(
                        orders.refused.keySet().stream().filter(queued::containsKey).count()));
                figures.put("files picked up (distinct / total / by nodes)", picked.size() + " / "
                        + picked.values().stream().mapToInt(Integer::intValue).sum() + " / "
                        + new TreeSet<>(pickedBy.values()));
                JsonNode after = awaitCluster(cluster, "c", "a", "active", 4);
                assertEquals("after the restarts, a took its broker back and c runs the flow deployed while it was"
                        + " down: " + after, "[]", after.path("problems").toString());
                for (JsonNode flow : after.path("flows")) {
                    assertTrue("the same content on every node: " + flow, flow.path("same").asBoolean());
                }
                consolePage(cluster);
                figures.put("whole test", seconds(begin));
                report();

                assertEquals("messages lost (first ten missing: " + missing(out) + ")", 0, lost);
                assertEquals("accepted orders missing from the queue: " + missingOrders, Set.of(), missingOrders);
                for (int i = 0; i < FILES; i++) {
                    assertEquals("file f-" + i + " picked up exactly once", Integer.valueOf(1),
                            picked.get("f-" + i + ".txt"));
                }
                assertEquals("messages on the relay's output twice (duplicate ids keep one)", 0, duplicates);
                // One node at a time: a picked up the first files, another node the rest after a died, never both
                // by turns (duplicate ids would hide a double pickup, not an interleaving).
                int lastOfA = -1;
                int firstOfOthers = FILES;
                for (Map.Entry<String, String> e : pickedBy.entrySet()) {
                    int i = Integer.parseInt(e.getKey().replaceAll("\\D", ""));
                    if ("a".equals(e.getValue())) {
                        lastOfA = Math.max(lastOfA, i);
                    } else {
                        firstOfOthers = Math.min(firstOfOthers, i);
                    }
                }
                assertTrue("the pickup moved to another node when a died, and only then: " + pickedBy,
                        firstOfOthers < FILES && lastOfA < firstOfOthers);
            }
        }
    }

    /** The console's Cluster page on node c, as a support user sees it (the browser test cluster.mjs). */
    private static void consolePage(ClusterNodes cluster) throws Exception {
        ConsoleUiIT.installPlaywright();
        String output = ConsoleUiIT.run(List.of("node", "cluster.mjs"), Map.ofEntries(
                Map.entry("SCREENSHOTS", ConsoleUiIT.SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", ConsoleUiIT.chromium()),
                Map.entry("CONFLUX_CONSOLE", cluster.consoleUrl("c")),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD),
                Map.entry("CONFLUX_CLUSTER_NODES", "a,b,c"),
                Map.entry("CONFLUX_CLUSTER_LOCAL", "c"),
                Map.entry("CONFLUX_CLUSTER_FLOW", "relay")), Duration.ofMinutes(3));
        assertTrue(output, output.contains("cluster page OK: 3 nodes, 4 flows"));
    }

    /** The flows and their configuration, once, into the shared directory every node follows. */
    private static void deploy(ClusterNodes cluster, Path inbox) throws Exception {
        Path etc = cluster.shared().resolve("etc");
        Path flows = cluster.shared().resolve("flows");
        Files.createDirectories(etc);
        Files.createDirectories(flows);
        Files.writeString(etc.resolve("conflux.flow-pickup.cfg"), "singleton = true\ninbox = " + inbox + "\n");
        Files.writeString(etc.resolve("conflux.endpoint-chaos.cfg"), "path = /api/chaos/orders\npolicy = none\n");
        Files.writeString(flows.resolve("relay.yaml"), RELAY);
        Files.writeString(flows.resolve("pickup.yaml"), PICKUP);
        Files.writeString(flows.resolve("orders.yaml"), ORDERS_FLOW);
    }

    /** The cluster status on one node once every node is up and {@code node}'s broker is {@code broker}. */
    private static JsonNode awaitCluster(ClusterNodes cluster, String on, String node, String broker, int flows)
            throws Exception {
        return Await.until("nodes a, b, c up with " + node + "'s broker " + broker + " and " + flows + " flows",
                Duration.ofMinutes(3), () -> {
            String json = ClusterNodes.value(cluster.jolokia(on, "exec/conflux:type=cluster/status"));
            if (json == null) {
                return null;
            }
            JsonNode v = Http.JSON.readTree(json);
            List<String> states = new ArrayList<>();
            String seen = "";
            for (JsonNode n : v.path("nodes")) {
                states.add(n.path("state").asText());
                seen = n.path("name").asText().equals(node) ? n.path("broker").asText() : seen;
            }
            boolean flowsEverywhere = v.path("flows").size() == flows;
            return states.equals(List.of("up", "up", "up")) && seen.equals(broker) && flowsEverywhere
                    && v.path("problems").isEmpty() ? v : null;
        });
    }

    private static String missing(Map<String, Integer> out) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < MESSAGES && missing.size() < 10; i++) {
            if (!out.containsKey("m-" + i)) {
                missing.add("m-" + i);
            }
        }
        return missing.toString();
    }

    private static String kinds(Map<String, String> refused) {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        refused.values().forEach(k -> kinds.merge(k, 1, Integer::sum));
        return kinds.isEmpty() ? "" : kinds.toString();
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }

    private static String outage(ClusterLoad.Outage o) {
        return o.seconds() < 0 ? "none (" + o.failures.get() + " failures)"
                : String.format(Locale.ROOT, "%.2f s (%d failures)", o.seconds(), o.failures.get());
    }

    private void report() throws Exception {
        StringBuilder text = new StringBuilder("ClusterIT figures\n");
        figures.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.print(text);
        Path file = Path.of("target", "failsafe-reports", "ClusterIT-figures.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
