package dev.conflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * B3SOAP: the sample order flow's SOAP operation submitOrder ({@code /services/orders}: the order read from the
 * payload, sent persistent to {@code conflux.sample.orders}, answered ACCEPTED), hot-deployed into the running
 * container by copying its bundle into {@code deploy/}, against {@link BareOrderEndpoint}: a bare CXF JAX-WS
 * endpoint for the same WSDL and operation on a bare Jetty 12 in a JVM of its own ({@link BareJetty}), sending
 * the same message to the same queue of the container's broker. Server CPU: the container's (Conflux), the
 * container's (its broker) plus the bare JVM's (baseline). Rows B3S (saturation) and B3SL (fixed rate: half the bare
 * endpoint's saturated throughput).
 *
 * <p>The flow's consumer route ({@code orders-process}: queue → file, one transacted commit per order) is stopped
 * for the benchmark: it consumes a few hundred orders per second, far fewer than either endpoint accepts, so it would
 * leave a backlog to each next run (or minutes of draining after each run), and a backlog past the address's
 * max-size-bytes pages to disk. Instead a consumer in the benchmark's JVM (auto-acknowledge) takes the orders
 * as they come, for both sides alike: the queue stays near empty, the broker's work per order (store, deliver,
 * acknowledge) is in the container's CPU on both sides, the consumer's own CPU in neither. After every run the
 * benchmark waits until the queue is empty, outside the measured window.
 */
final class SoapVersusCxf {

    static final String QUEUE = "conflux.sample.orders";
    static final String NS = "http://conflux.dev/sample/orders";
    static final String ADDRESS_MBEAN = "org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\""
            + QUEUE + "\"";
    static final String QUEUE_MBEAN = ADDRESS_MBEAN + ",subcomponent=queues,routing-type=\"anycast\",queue=\"" + QUEUE
            + "\"";
    /** Every order has the same id (were the flow's consumer to run, it would overwrite one file). */
    static final byte[] ENVELOPE = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Body><submitOrder xmlns=\"" + NS + "\"><orderId>bench-soap-1</orderId>"
            + "<customer>ACME Corporation</customer><item>widget-42</item><quantity>3</quantity></submitOrder>"
            + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Benchmarks bench;
    /** Orders the benchmark's consumer took, and runs that ended with the queue's address paging. */
    private final AtomicLong consumed = new AtomicLong();
    private int paged;

    SoapVersusCxf(Benchmarks bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Path jar = sampleJar();
        Path policy = bench.conflux.home.resolve("etc/conflux.endpoint-bench-soap.cfg");
        Files.writeString(policy, "path = /services/orders\npolicy = none\n");
        Path deployed = bench.conflux.home.resolve("deploy/conflux-sample-order-flow.jar");
        Path tmp = bench.conflux.home.resolve("conflux-sample-order-flow.jar.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, deployed, StandardCopyOption.ATOMIC_MOVE);
        String url = "http://127.0.0.1:" + bench.servicesPort + "/services/orders";
        try {
            Benchmarks.await("sample-orders flow started from " + jar,
                    () -> bench.flowInfo("sample-orders").contains("\"state\":\"STARTED\""));
            Benchmarks.await("submitOrder answering 200 at " + url, () -> accepted(url));
            stopConsumer();
            ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
            try (Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createConsumer(session.createQueue(QUEUE)).setMessageListener(m -> consumed.incrementAndGet());
                connection.start();
                measure(jar, url);
            }
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(policy);
        }
    }

    private void measure(Path jar, String url) throws Exception {
        HttpLoad load = new HttpLoad(bench.work);
        HttpLoad.Request submit = HttpLoad.Request.post("text/xml; charset=UTF-8", ENVELOPE,
                Map.of("SOAPAction", "\"" + NS + "/submitOrder\""));
        long pid = bench.conflux.pid();
        HttpLoad.Cpu container = () -> Instance.cpuMillisOf(pid);
        int n = Pairs.repetitions();
        int seconds = HttpLoad.SECONDS;
        int port = Instance.freePort();
        String bareUrl = "http://127.0.0.1:" + port + "/services/orders";
        Path log = bench.work.resolve("bare-cxf.log");
        String wsdl = "jar:" + jar.toUri() + "!/wsdl/orders.wsdl";
        List<String> jvm = RestVersusServlet.jvmOptionsOf(pid);
        List<String> options = new ArrayList<>(jvm);
        options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info"); // the per-order log line, as the flow's
        try (OutOfProcess bare = OutOfProcess.start(BareJetty.class, log, options, List.of(String.valueOf(port), wsdl,
                "tcp://127.0.0.1:" + bench.brokerPort, "admin", Benchmarks.PASSWORD, QUEUE))) {
            Benchmarks.await("bare CXF endpoint answering 200 at " + bareUrl + " (" + log + ")", () -> accepted(bareUrl));
            HttpLoad.Cpu both = () -> container.millis() + bare.cpuMillis();
            int warmup = RestVersusServlet.WARMUP_SECONDS;
            emptied(load.saturate(bareUrl, submit, warmup, both));
            emptied(load.saturate(url, submit, warmup, container));
            paged = 0;
            consumed.set(0);
            Pairs saturated = Pairs.alternate(n, () -> emptied(load.saturate(url, submit, seconds, container)),
                    () -> emptied(load.saturate(bareUrl, submit, seconds, both)));
            String baseline = "bare CXF JAX-WS endpoint (Provider, PAYLOAD; the container's CXF jars: core and HTTP"
                    + " transport 4.1.5, the rest 4.1.4) for the same WSDL on a bare Jetty 12 in a JVM of its own"
                    + " (BareJetty, the container's heap/GC options " + jvm + "; not the same Jetty: a deviation from"
                    + " B3), the same checks, the same JMS send to the same queue of the container's broker; server"
                    + " CPU = that JVM's + the container's (its broker)";
            String measured = "sample order flow's SOAP submitOrder (cxf: PAYLOAD -> JMS persistent) on the service"
                    + " plane, hot-deployed; server CPU = the container's";
            bench.row("B3S", "SOAP submitOrder (" + ENVELOPE.length + " B envelope) at saturation, wrk -t"
                    + HttpLoad.THREADS + " -c" + HttpLoad.CONNECTIONS + " (client CPU = wrk's), " + seconds
                    + " s per run", measured, baseline, "req/s", saturated.medianThroughputA(),
                    saturated.medianThroughputB(), Pairs.medianRun(saturated.a), Pairs.medianRun(saturated.b),
                    saturated.saturationNotes("flow", "bare CXF") + queueNotes(), saturated.throughputRatios());

            double rate = Double.parseDouble(System.getProperty("bench.soapRate",
                    String.valueOf(Math.floor(saturated.medianThroughputB() / 2))));
            paged = 0;
            consumed.set(0);
            Pairs fixed = Pairs.alternate(n, () -> emptied(load.fixedRate(url, submit, rate, seconds, container)),
                    () -> emptied(load.fixedRate(bareUrl, submit, rate, seconds, both)));
            Stats a = Pairs.medianLatencies(fixed.a);
            Stats b = Pairs.medianLatencies(fixed.b);
            bench.row("B3SL", String.format(Locale.ROOT, "SOAP submitOrder at a fixed %.0f req/s (half the bare"
                    + " endpoint's saturated throughput), wrk (client CPU = wrk's), %d s per run", rate, seconds),
                    measured, baseline, "p99 ms", a.p99(), b.p99(), a, b,
                    fixed.latencyNotes("flow", "bare CXF") + queueNotes(), fixed.p99Ratios());
        }
    }

    private String queueNotes() {
        return String.format(Locale.ROOT, "; the flow's consumer route orders-process stopped, the orders (%d) taken"
                + " by a consumer in the benchmark's JVM as they came; runs that ended with the address paging: %d",
                consumed.get(), paged);
    }

    /** After a run: notes whether the address paged, then waits until the queue is empty (outside the run). */
    private HttpLoad.Run emptied(HttpLoad.Run run) throws Exception {
        if (jolokia("read", ADDRESS_MBEAN, "attribute", "Paging").path("value").asBoolean()) {
            paged++;
        }
        Benchmarks.await(QUEUE + " empty", () -> jolokia("read", QUEUE_MBEAN, "attribute", "MessageCount")
                .path("value").asLong() == 0);
        return run;
    }

    /** Stops the flow's route that consumes the queue (Camel's route MBean): the benchmark measures the endpoint. */
    private void stopConsumer() throws Exception {
        JsonNode names = jolokia("search", "org.apache.camel:type=routes,name=\"orders-process\",*", null, null)
                .path("value");
        if (names.size() != 1) {
            throw new IllegalStateException("expected one route MBean orders-process, found " + names);
        }
        jolokia("exec", names.get(0).asText(), "operation", "stop()");
        Benchmarks.await("route orders-process stopped", () -> "Stopped".equals(jolokia("read",
                names.get(0).asText(), "attribute", "State").path("value").asText()));
    }

    /** A Jolokia request (POST) on the container as its admin; fails unless it answers status 200. */
    private JsonNode jolokia(String type, String mbean, String key, String value) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("type", type).put("mbean", mbean);
        if (key != null) {
            request.put(key, value);
        }
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + bench.httpPort + "/hawtio/jolokia/")).header("Authorization", Benchmarks.basic())
                .header("Origin", bench.consoleOrigin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode answer = JSON.readTree(body);
        if (answer.path("status").asInt() != 200) {
            throw new IllegalStateException("Jolokia " + request + ": " + body);
        }
        return answer;
    }

    private static boolean accepted(String url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"" + NS + "/submitOrder\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ENVELOPE)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("ACCEPTED")) {
            throw new IllegalStateException(url + ": " + answer.statusCode() + " " + answer.body());
        }
        return true;
    }

    /**
     * The sample flow's bundle: {@code -Dbench.sampleJar}, else the newest of bundles/sample-order-flow/target and
     * the local Maven repository, for the distribution's version.
     */
    private static Path sampleJar() throws Exception {
        String given = System.getProperty("bench.sampleJar");
        if (given != null) {
            return Path.of(given);
        }
        Path distribution = Path.of(System.getProperty("bench.distribution")).toAbsolutePath().normalize();
        Matcher m = Pattern.compile("conflux-test-(.+)\\.tar\\.gz").matcher(distribution.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("cannot tell the version of " + distribution + "; name the sample flow's"
                    + " jar with -Dbench.sampleJar");
        }
        String version = m.group(1);
        String name = "conflux-sample-order-flow-" + version + ".jar";
        Path root = distribution.getParent().getParent().getParent().getParent(); // assembly/test/target/x.tar.gz
        List<Path> candidates = new ArrayList<>(List.of(root.resolve("bundles/sample-order-flow/target").resolve(name),
                Path.of(System.getProperty("user.home"), ".m2/repository/dev/conflux/conflux-sample-order-flow",
                        version, name)));
        candidates.removeIf(p -> !Files.isRegularFile(p));
        return candidates.stream().max(Comparator.comparing(p -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).orElseThrow(() -> new IllegalStateException("the sample flow's jar " + name + " is neither in"
                + " bundles/sample-order-flow/target nor in ~/.m2: build it (mvn -o install -pl bundles/sample-order-flow)"
                + " or name it with -Dbench.sampleJar"));
    }

}
