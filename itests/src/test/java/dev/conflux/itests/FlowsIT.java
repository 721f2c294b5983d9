package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Flows as integration developers and support staff meet them: files dropped into flows/ (real FileInstall),
 * messages over JMS to the real broker, control over JMX (Jolokia) and the Karaf shell (SSH).
 */
public class FlowsIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted();
    static final String FLOWS_MBEAN = "conflux:type=flows";

    static final Jolokia console = CONFLUX.admin();
    static Jms jms;
    static Shell shell;
    static Path flowsDir;

    @BeforeClass
    public static void ready() throws Exception {
        Await.until("the flows MBean", Duration.ofMinutes(1), () -> console.getValue("read/" + FLOWS_MBEAN + "/Flows") != null);
        jms = CONFLUX.jms();
        shell = CONFLUX.shell();
        flowsDir = CONFLUX.home().toPath().resolve("flows");
        assertTrue("the distribution has a flows/ directory", Files.isDirectory(flowsDir));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Writes a flow file the way an editor saves it (write aside, then rename over). */
    static Path write(String fileName, String content) throws Exception {
        Path tmp = Files.createTempFile(flowsDir.getParent(), "edit", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        return Files.move(tmp, flowsDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static String queueToQueueYaml(String name, String in, String out, String suffix) {
        return """
                # flow %s
                - route:
                    id: %s
                    from:
                      uri: jms:queue:%s
                      steps:
                        - setBody:
                            simple: "${body}%s"
                        - to: jms:queue:%s
                """.formatted(name, name, in, suffix, out);
    }

    static String queueToQueueXml(String name, String in, String out, String suffix) {
        return """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route id="%s">
                    <from uri="jms:queue:%s"/>
                    <setBody><simple>${body}%s</simple></setBody>
                    <to uri="jms:queue:%s"/>
                  </route>
                </routes>
                """.formatted(name, in, suffix, out);
    }

    /** The flow as the MBean shows it, or null if there is no such flow. */
    static JsonNode flow(String name) throws Exception {
        for (JsonNode f : console.getValue("read/" + FLOWS_MBEAN + "/Flows")) {
            if (name.equals(f.path("name").asText())) {
                return f;
            }
        }
        return null;
    }

    static JsonNode awaitFlow(String name, String state, int revision) throws Exception {
        return Await.until("flow " + name + " " + state + " at revision " + revision, Duration.ofSeconds(60), () -> {
            JsonNode f = flow(name);
            return f != null && state.equals(f.path("state").asText()) && f.path("revision").asInt() == revision ? f : null;
        });
    }

    static void awaitGone(String name) throws Exception {
        Await.until("flow " + name + " undeployed", Duration.ofSeconds(60), () -> flow(name) == null);
    }

    static List<String> historyActions(String name) throws Exception {
        List<String> actions = new ArrayList<>();
        for (JsonNode e : console.exec(FLOWS_MBEAN, "history", name)) {
            actions.add(e.path("revision").asInt() + ":" + e.path("action").asText() + ":" + e.path("actor").asText());
        }
        return actions;
    }

    /** Receives until a message with this text arrives (older ones, e.g. from a timer, are skipped). */
    static void awaitText(String queue, String text) throws Exception {
        Await.until(text + " on " + queue, Duration.ofSeconds(60), () -> text.equals(jms.receive(queue, 1000)));
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    public void yamlAndXmlFilesHotDeployRedeployAndUndeploy() throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean xml = i % 2 == 1;
            String name = "hot-" + i;
            String in = "itest.hot." + i + ".in";
            String out = "itest.hot." + i + ".out";
            jms.send(in, "m" + i);
            long dropped = System.nanoTime();
            write(name + (xml ? ".xml" : ".camel.yaml"), xml ? queueToQueueXml(name, in, out, "-xml")
                    : queueToQueueYaml(name, in, out, "-yaml"));
            String result = jms.receive(out, 30_000);
            latencies.add((System.nanoTime() - dropped) / 1_000_000);
            assertEquals("m" + i + (xml ? "-xml" : "-yaml"), result);
            awaitFlow(name, "STARTED", 1);
            if (i > 0) {
                Files.delete(flowsDir.resolve(name + (xml ? ".xml" : ".camel.yaml")));
                awaitGone(name);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("Hot deploy, file dropped -> first message processed, %d deploys (YAML and XML): p50 %d ms,"
                + " p95 %d ms, max %d ms, all %s%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), latencies);

        // Edit: the new revision replaces the running one.
        write("hot-0.camel.yaml", queueToQueueYaml("hot-0", "itest.hot.0.in", "itest.hot.0.out", "-edited"));
        awaitFlow("hot-0", "STARTED", 2);
        jms.send("itest.hot.0.in", "again");
        assertEquals("again-edited", jms.receive("itest.hot.0.out", 30_000));

        // Delete: undeployed, and its queue is no longer consumed.
        Files.delete(flowsDir.resolve("hot-0.camel.yaml"));
        awaitGone("hot-0");
        jms.send("itest.hot.0.in", "left alone");
        assertEquals("left alone", jms.receive("itest.hot.0.in", 10_000));
        assertTrue(historyActions("hot-0").toString(), historyActions("hot-0").containsAll(
                List.of("1:DEPLOY:file", "2:DEPLOY:file", "2:UNDEPLOY:file")));
    }

    @Test
    public void aBrokenFileFailsWithItsPositionWhileOtherFlowsKeepProcessing() throws Exception {
        write("steady.yaml", queueToQueueYaml("steady", "itest.steady.in", "itest.steady.out", "!"));
        awaitFlow("steady", "STARTED", 1);

        write("broken.yaml", """
                - route:
                    from:
                      uri: timer:tick?perod=1000
                      steps:
                        - to: nosuchcomponent:foo
                """);
        JsonNode broken = Await.until("flow broken FAILED", Duration.ofSeconds(60), () -> {
            JsonNode f = flow("broken");
            return f != null && "FAILED".equals(f.path("state").asText()) ? f : null;
        });
        String error = broken.path("lastError").asText();
        assertTrue(error, error.contains("broken.yaml:3: in 'timer:tick?perod=1000': unknown option 'perod' (did you mean 'period'?)"));
        assertTrue(error, error.contains("broken.yaml:5: unknown component 'nosuchcomponent'"));

        jms.send("itest.steady.in", "still here");
        assertEquals("still here!", jms.receive("itest.steady.out", 30_000));
        assertEquals("STARTED", flow("steady").path("state").asText());

        // Fixing the file deploys it.
        write("broken.yaml", queueToQueueYaml("broken", "itest.broken.in", "itest.broken.out", ""));
        awaitFlow("broken", "STARTED", 1);
        Files.delete(flowsDir.resolve("broken.yaml"));
        Files.delete(flowsDir.resolve("steady.yaml"));
        awaitGone("broken");
    }

    @Test
    public void aBrokenEditKeepsTheRunningRevisionAndRollbackGoesBack() throws Exception {
        Path file = write("versioned.yaml", queueToQueueYaml("versioned", "itest.v.in", "itest.v.out", "-v1"));
        awaitFlow("versioned", "STARTED", 1);
        write("versioned.yaml", queueToQueueYaml("versioned", "itest.v.in", "itest.v.out", "-v2"));
        awaitFlow("versioned", "STARTED", 2);

        write("versioned.yaml", "- route:\n    from:\n      uri: jms:queue:itest.v.in\n      steps:\n        - to: log:x\n       - bad: indent\n");
        JsonNode kept = Await.until("the broken edit rejected", Duration.ofSeconds(60), () -> {
            JsonNode f = flow("versioned");
            return f.path("lastError").asText().contains("edit rejected") ? f : null;
        });
        assertEquals("STARTED", kept.path("state").asText());
        assertEquals(2, kept.path("revision").asInt());
        assertTrue(kept.path("lastError").asText(), kept.path("lastError").asText().contains("versioned.yaml:6:"));
        jms.send("itest.v.in", "m");
        assertEquals("revision 2 keeps serving", "m-v2", jms.receive("itest.v.out", 30_000));

        JsonNode back = console.exec(FLOWS_MBEAN, "rollback", "versioned", "1");
        assertEquals(1, back.path("revision").asInt());
        assertEquals("STARTED", back.path("state").asText());
        jms.send("itest.v.in", "m");
        assertEquals("m-v1", jms.receive("itest.v.out", 30_000));
        assertEquals("the file holds what runs", queueToQueueYaml("versioned", "itest.v.in", "itest.v.out", "-v1"),
                Files.readString(file));

        List<String> history = historyActions("versioned");
        assertTrue(history.toString(), history.containsAll(
                List.of("1:DEPLOY:file", "2:DEPLOY:file", "0:REJECT:file", "1:ROLLBACK:jmx:admin")));

        // The history survives a restart of the runtime.
        long runtime = console.bundleId("dev.conflux.camel.runtime");
        console.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(runtime));
        awaitFlow("versioned", "STARTED", 1);
        assertTrue(historyActions("versioned").containsAll(history));

        Files.delete(file);
        awaitGone("versioned");
    }

    @Test
    public void aFlowBundleIsPickedUpUpdatedAndRemovedWithItsBundle() throws Exception {
        String bundles = "org.apache.karaf:type=bundle,name=root";
        JsonNode before = awaitFlow("sample-orders", "STARTED", flow("sample-orders") == null ? 1
                : flow("sample-orders").path("revision").asInt());
        int revision = before.path("revision").asInt();
        assertTrue(before.path("source").asText().startsWith("bundle:dev.conflux.sample-order-flow/"));

        long id = console.bundleId("dev.conflux.sample-order-flow");
        console.exec(bundles, "update(java.lang.String)", String.valueOf(id));
        awaitFlow("sample-orders", "STARTED", revision + 1);

        console.exec(bundles, "stop(java.lang.String)", String.valueOf(id));
        awaitGone("sample-orders");
        console.exec(bundles, "start(java.lang.String)", String.valueOf(id));
        Await.until("sample-orders back", Duration.ofSeconds(60),
                () -> flow("sample-orders") != null && "STARTED".equals(flow("sample-orders").path("state").asText()));

        console.exec(bundles, "uninstall(java.lang.String)", String.valueOf(id));
        awaitGone("sample-orders");
        JsonNode newId = console.exec(bundles, "install(java.lang.String,boolean)",
                "mvn:dev.conflux/conflux-sample-order-flow/" + System.getProperty("conflux.version"), "true");
        assertNotNull(newId);
        Await.until("sample-orders reinstalled", Duration.ofSeconds(60),
                () -> flow("sample-orders") != null && "STARTED".equals(flow("sample-orders").path("state").asText()));
    }

    @Test
    public void aBundleGeneratedFromTheFlowArchetypeRunsAsAFlow() throws Exception {
        Path jar = Path.of(System.getProperty("conflux.archetype.flow.jar"));
        assertTrue("the archetype's generated project was built: " + jar, Files.isRegularFile(jar));
        String bundles = "org.apache.karaf:type=bundle,name=root";
        long id = console.exec(bundles, "install(java.lang.String,boolean)", jar.toUri().toString(), "true").asLong();
        awaitFlow("greeting", "STARTED", 1);
        jms.send("greeting.in", "Conflux");
        assertEquals("Hello Conflux", jms.receive("greeting.out", 30_000));

        console.exec(bundles, "uninstall(java.lang.String)", String.valueOf(id));
        awaitGone("greeting");
    }

    @Test
    public void redeployingATransactedFlowUnderLoadLosesAndDuplicatesNothing() throws Exception {
        int total = 10_000;
        int redeploys = 5;
        String in = "itest.redeploy.in";
        String out = "itest.redeploy.out";
        String flowYaml = """
                # revision %d
                - route:
                    id: redeploy
                    from:
                      uri: jms:queue:%s?transacted=true&concurrentConsumers=2
                      steps:
                        - to: jms:queue:%s
                """;
        write("redeploy.yaml", flowYaml.formatted(0, in, out));
        awaitFlow("redeploy", "STARTED", 1);

        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (Session s = jms.connection().createSession(true, Session.SESSION_TRANSACTED)) {
                MessageProducer p = s.createProducer(s.createQueue(in));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < total; i++) {
                    Message m = s.createTextMessage("payload " + i);
                    m.setIntProperty("seq", i);
                    p.send(m);
                    if (i % 50 == 49) {
                        s.commit();
                        sent.set(i + 1);
                    }
                }
                s.commit();
                sent.set(total);
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "itest-producer");
        long start = System.nanoTime();
        producer.start();

        for (int r = 1; r <= redeploys; r++) {
            int threshold = r * total / (redeploys + 2);
            Await.until(threshold + " messages sent", Duration.ofMinutes(2), () -> sent.get() >= threshold);
            write("redeploy.yaml", flowYaml.formatted(r, in, out));
            awaitFlow("redeploy", "STARTED", r + 1);
        }
        producer.join(Duration.ofMinutes(3).toMillis());
        assertNull("producer failed: " + producerFailure.get(), producerFailure.get());
        assertEquals(total, sent.get());

        Set<Integer> seen = new HashSet<>();
        int duplicates = 0;
        try (Session s = jms.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue(out))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen.size() < total && System.nanoTime() < deadline) {
                Message m = c.receive(1000);
                if (m != null && !seen.add(m.getIntProperty("seq"))) {
                    duplicates++;
                }
            }
            // Anything still arriving after every message was seen once would be a duplicate.
            for (Message m = c.receive(2000); m != null; m = c.receive(2000)) {
                duplicates++;
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        int lost = total - seen.size();
        System.out.printf("Redeploy under load: %d persistent messages, %d redeploys of a transacted flow in %d s:"
                + " %d delivered once, %d lost, %d duplicated%n", total, redeploys, seconds, seen.size(), lost, duplicates);
        assertEquals("messages lost", 0, lost);
        assertEquals("messages duplicated", 0, duplicates);
        assertNull("nothing left on the input queue", jms.receive(in, 500));
        assertNull("nothing dead-lettered", jms.receive("DLQ." + in, 500));
        JsonNode history = console.exec(FLOWS_MBEAN, "history", "redeploy");
        assertEquals(redeploys + 1, history.size());

        Files.delete(flowsDir.resolve("redeploy.yaml"));
        awaitGone("redeploy");
    }

    @Test
    public void thePromotedExampleFlowRunsWithTheDevEnvironmentsSettings() throws Exception {
        // The same file EnvironmentsIT runs in prod; only assembly/dev/etc/conflux.flow-order-audit.cfg differs.
        assertEquals("dev", console.getValue("read/conflux:type=environment/Name").asText());
        Files.copy(Path.of(System.getProperty("conflux.examples"), "flows", "order-audit.yaml"),
                flowsDir.resolve("order-audit.yaml"));
        awaitFlow("order-audit", "STARTED", 1);
        jms.send("dev.orders", "order 7");
        assertEquals("DEV audited: order 7", jms.receive("dev.orders.audit", 30_000));
        Files.delete(flowsDir.resolve("order-audit.yaml"));
        awaitGone("order-audit");
    }

    @Test
    public void aKameletFromTheCatalogRunsInAFlowFile() throws Exception {
        write("kamelet-demo.yaml", """
                - route:
                    id: kamelet-demo
                    from:
                      uri: "kamelet:timer-source?message=hello-from-a-kamelet&period=500"
                      steps:
                        - to: jms:queue:itest.kamelet.out
                """);
        awaitFlow("kamelet-demo", "STARTED", 1);
        awaitText("itest.kamelet.out", "hello-from-a-kamelet");
        Files.delete(flowsDir.resolve("kamelet-demo.yaml"));
        awaitGone("kamelet-demo");
    }

    @Test
    public void aConfigurationChangeRestartsOnlyItsFlow() throws Exception {
        Path etc = CONFLUX.home().toPath().resolve("etc");
        Files.writeString(etc.resolve("conflux.flow-configured.cfg"), "greeting = one\n");
        write("bystander.yaml", queueToQueueYaml("bystander", "itest.bystander.in", "itest.bystander.out", ""));
        write("configured.yaml", """
                - route:
                    id: configured
                    from:
                      uri: timer:configured?period=200
                      steps:
                        - setBody:
                            constant: "{{greeting}}"
                        - to: jms:queue:itest.configured.out
                """);
        awaitText("itest.configured.out", "one");
        JsonNode bystander = awaitFlow("bystander", "STARTED", 1);
        String configuredStart = flow("configured").path("startedAt").asText();

        Files.writeString(etc.resolve("conflux.flow-configured.cfg"), "greeting = two\n");
        awaitText("itest.configured.out", "two");
        assertNotEquals("configured restarted", configuredStart, flow("configured").path("startedAt").asText());
        assertEquals("bystander untouched", bystander.path("startedAt").asText(), flow("bystander").path("startedAt").asText());

        Files.delete(flowsDir.resolve("configured.yaml"));
        Files.delete(flowsDir.resolve("bystander.yaml"));
        Files.delete(etc.resolve("conflux.flow-configured.cfg"));
        awaitGone("configured");
    }

    @Test
    public void shellCommandsAndJmxShowAndControlFlows() throws Exception {
        write("shelled.yaml", queueToQueueYaml("shelled", "itest.shelled.in", "itest.shelled.out", "+"));
        awaitFlow("shelled", "STARTED", 1);

        String list = shell.run("conflux:flow-list");
        assertTrue(list, list.lines().anyMatch(l -> l.startsWith("shelled ") && l.contains("STARTED")));

        shell.run("conflux:flow-stop shelled");
        assertEquals("STOPPED", flow("shelled").path("state").asText());
        jms.send("itest.shelled.in", "queued while stopped");
        assertNull("a stopped flow consumes nothing", jms.receive("itest.shelled.out", 2000));
        String info = shell.run("conflux:flow-info shelled");
        assertTrue(info, info.contains("State     : STOPPED"));

        JsonNode started = console.exec(FLOWS_MBEAN, "start", "shelled");
        assertEquals("STARTED", started.path("state").asText());
        assertEquals("queued while stopped+", jms.receive("itest.shelled.out", 30_000));

        JsonNode restarted = console.exec(FLOWS_MBEAN, "restart", "shelled");
        assertEquals("STARTED", restarted.path("state").asText());
        shell.run("conflux:flow-restart shelled");
        assertEquals("STARTED", flow("shelled").path("state").asText());

        Path draft = CONFLUX.home().toPath().resolve("draft.yaml");
        Files.writeString(draft, "- route:\n    from:\n      uri: jms:queue:x?concurrentConsumer=2\n      steps:\n        - to: kamelet:nope\n");
        String validation = shell.run("conflux:flow-validate " + draft);
        assertTrue(validation, validation.contains("draft.yaml:3: in 'jms:queue:x?concurrentConsumer=2': unknown option 'concurrentConsumer'"));
        assertTrue(validation, validation.contains("draft.yaml:5: unknown Kamelet 'nope'"));
        JsonNode viaJmx = console.exec(FLOWS_MBEAN, "validate", draft.toString());
        assertEquals("JMX reports the same problems", 2, viaJmx.size());
        assertFalse(Files.exists(flowsDir.resolve("draft.yaml")));
        assertNull("validation deployed nothing", flow("draft"));

        String history = shell.run("conflux:flow-history shelled");
        assertTrue(history, history.contains("STOP") && history.contains("shell:admin") && history.contains("jmx:admin"));

        Files.delete(flowsDir.resolve("shelled.yaml"));
        awaitGone("shelled");
    }

    /** The state of a flow's CamelContext as Camel's own MBean reports it ("Started", "Stopping", …), or null. */
    static String camelContextState(String flow) throws Exception {
        JsonNode contexts = console.getValue("read/org.apache.camel:type=context,*/CamelId,State");
        for (JsonNode c : contexts) {
            if (flow.equals(c.path("CamelId").asText())) {
                return c.path("State").asText();
            }
        }
        return null;
    }

    @Test
    public void aFlowDrainingWhileItStopsHoldsUpNoOtherFlowNorTheListings() throws Exception {
        // Flow A takes 20 s for each message; stopping it lets the exchange in flight finish.
        write("draining.yaml", """
                - route:
                    id: draining
                    from:
                      uri: jms:queue:itest.draining.in
                      steps:
                        - delay:
                            expression:
                              constant: 20000
                        - to: jms:queue:itest.draining.out
                """);
        awaitFlow("draining", "STARTED", 1);
        jms.send("itest.draining.in", "slow");
        Await.until("draining has its message in flight", Duration.ofSeconds(30),
                () -> flow("draining").path("exchangesInflight").asLong() == 1);

        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> stopOutput = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                stopOutput.set(shell.run("conflux:flow-stop draining"));
            } catch (Exception e) {
                stopOutput.set(e.toString());
            }
            events.add("draining stopped");
        }, "itest-stop-draining");
        stopper.start();
        Await.until("draining stopping", Duration.ofSeconds(30), () -> "Stopping".equals(camelContextState("draining")));

        // Meanwhile: a new flow deploys and processes its first message, and both listings answer.
        write("prompt.yaml", queueToQueueYaml("prompt", "itest.prompt.in", "itest.prompt.out", " at once"));
        jms.send("itest.prompt.in", "first");
        assertEquals("first at once", jms.receive("itest.prompt.out", 30_000));
        events.add("prompt processed its first message");
        String list = shell.run("conflux:flow-list");
        assertTrue(list, list.lines().anyMatch(l -> l.startsWith("prompt ") && l.contains("STARTED")));
        assertTrue(list, list.lines().anyMatch(l -> l.startsWith("draining ")));
        events.add("flow-list answered");
        assertEquals("STARTED", flow("prompt").path("state").asText());
        assertEquals("draining still has its exchange", 1, flow("draining").path("exchangesInflight").asLong());
        events.add("Flows answered");

        stopper.join(Duration.ofSeconds(90).toMillis());
        assertFalse("the stop returned", stopper.isAlive());
        assertEquals(List.of("prompt processed its first message", "flow-list answered", "Flows answered",
                "draining stopped"), events);
        assertTrue(stopOutput.get(), stopOutput.get().contains("State     : STOPPED"));
        assertEquals("the draining exchange finished", "slow", jms.receive("itest.draining.out", 30_000));
        assertEquals("STOPPED", flow("draining").path("state").asText());

        Files.delete(flowsDir.resolve("prompt.yaml"));
        Files.delete(flowsDir.resolve("draining.yaml"));
        awaitGone("prompt");
        awaitGone("draining");
    }
}
