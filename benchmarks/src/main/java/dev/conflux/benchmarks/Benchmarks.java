package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * B1–B5 of docs/performance.md, each against a baseline measured in the same run, on loopback. Prints one table
 * and writes target/bench/results.json and results.csv.
 */
public final class Benchmarks {

    static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 2_000);
    /**
     * Repetitions (rounds) per case, -Dbench.repeat (default 5): the two or three sides of a case are measured in
     * each round, alternately; the rows show each side's median and the spread of the rounds' ratios.
     */
    static final int REPEAT = Integer.getInteger("bench.repeat", 5);
    static final int CLIENTS = Integer.getInteger("bench.clients", 2);
    static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    static final int HTTP_THREADS = Integer.getInteger("bench.httpThreads", 8);
    /** How long to wait for the container (start, flow deployed, ...); more on a loaded machine. */
    static final Duration AWAIT = Duration.ofMinutes(Integer.getInteger("bench.awaitMinutes", 3));
    static final String PASSWORD = "bench-" + UUID.randomUUID();
    static final byte[] PAYLOAD = new byte[1024];
    /**
     * Which cases to run, e.g. -Dbench.cases=B1,B3 (default: B1-B5 and B1NS, B1 and B2 with the broker's journal
     * sync off; on request: B3SOAP, the sample order flow's SOAP operation vs a bare CXF endpoint; ALERTS, alerting's overhead; TRACING, tracing's; CLUSTER, B1's work on one node, the HA pair and three nodes; TRACE_SEARCH and TRACE_STORE, the trace store's search time and size, which need no container).
     */
    static final List<String> CASES = List.of(System.getProperty("bench.cases", "B1,B2,B1NS,B3,B4,B5").split(","));

    final Path work = Path.of(System.getProperty("bench.work", "target/bench"));
    final Results results = new Results(work);
    Instance conflux;
    int brokerPort;
    int servicesPort;
    int httpPort;

    public static void main(String[] args) throws Exception {
        List<String> unknown = CASES.stream().filter(c -> !List.of("B1", "B2", "B1NS", "B3", "B3SOAP", "B4", "B5", "ALERTS", "TRACING",
                "API_USAGE", "CLUSTER", "TRACE_SEARCH", "TRACE_STORE").contains(c)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("Unknown benchmark case(s) " + unknown + " in -Dbench.cases; the cases are B1,B2,B1NS,B3,B4,B5"
                    + ", B3SOAP, ALERTS, TRACING, API_USAGE, CLUSTER, TRACE_SEARCH and TRACE_STORE");
            System.exit(2);
        }
        Arrays.fill(PAYLOAD, (byte) 'x');
        new Benchmarks().runAll();
        System.exit(0);
    }

    void runAll() throws Exception {
        long begin = System.nanoTime();
        Files.createDirectories(work);
        try {
            if (CASES.stream().anyMatch(c -> !c.startsWith("TRACE_"))) { // the TRACE_ cases need no container
                b5ColdStart();
            }
            if (CASES.contains("B1") || CASES.contains("B2") || CASES.contains("B1NS")) {
                new FlowVersusRawJms(this).run();
            }
            if (CASES.contains("B3") || CASES.contains("B3SOAP")) {
                b3RestVersusBareServlet();
            }
            if (CASES.contains("B4")) {
                b4HotDeploy();
            }
            if (CASES.contains("ALERTS")) {
                new AlertingOverhead(this).run();
            }
            if (CASES.contains("TRACING")) {
                new TracingOverhead(this).run();
            }
            if (CASES.contains("API_USAGE")) {
                new ApiUsageOverhead(this).run();
            }
            if (CASES.contains("CLUSTER")) {
                new ClusterThroughput(this).run();
            }
            if (CASES.contains("TRACE_SEARCH")) {
                new TraceStoreBench(this).search();
            }
            if (CASES.contains("TRACE_STORE")) {
                new TraceStoreBench(this).growth();
            }
        } finally {
            if (conflux != null) { // also when it never became healthy: no container is left running
                conflux.stop(List.of("bin/conflux", "stop"), httpPort);
            }
        }
        results.print();
        System.out.printf("%nWhole run: %.0f s%n", (System.nanoTime() - begin) / 1e9);
    }

    // ---- B5 ----------------------------------------------------------------------------------------------------

    /** B5, B5R and B5M (see {@link ColdStart}); without B5 in the cases, only the container the others need. */
    void b5ColdStart() throws Exception {
        new ColdStart(this).run();
    }

    /**
     * Whether the container accepts work: console login (authenticated Jolokia read of the flows MBean), service plane
     * readiness ({@code /health/ready} 200), an authenticated broker connection and SSH answering ({@link AcceptsWork}).
     */
    boolean healthy() {
        return AcceptsWork.confluxAcceptsWork(httpPort, brokerPort, servicesPort,
                Integer.parseInt(conflux.env.get("CONFLUX_SSH_PORT")));
    }

    // ---- B1 / B2 -------------------------------------------------------------------------------------------------

    /** Sends count messages with CLIENTS producers (transacted batches of 50) and waits until all arrive on out. */
    Stats jmsRun(Connection connection, String in, String out, int count) throws Exception {
        return jmsRun(connection, in, out, count, List.of(conflux));
    }

    /** The same, with the server CPU summed over {@code servers} (the nodes of a cluster). */
    Stats jmsRun(Connection connection, String in, String out, int count, List<Instance> servers) throws Exception {
        return jmsRun(connection, in, out, count, () -> cpuMillis(servers));
    }

    /** The server side's CPU time so far, in milliseconds. */
    interface ServerCpu {
        long millis() throws IOException;
    }

    /**
     * The same, with the server CPU read from {@code serverCpu} (e.g. the container plus a baseline's own process);
     * the client CPU is this JVM's (producers and listener).
     */
    Stats jmsRun(Connection connection, String in, String out, int count, ServerCpu serverCpu) throws Exception {
        AtomicInteger received = new AtomicInteger();
        long[] latencies = new long[count];
        CountDownLatch done = new CountDownLatch(1);
        Session sinkSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer sink = sinkSession.createConsumer(sinkSession.createQueue(out));
        sink.setMessageListener(m -> {
            try {
                int n = received.getAndIncrement();
                if (n < count) {
                    latencies[n] = System.nanoTime() - m.getLongProperty("sent");
                }
                if (n + 1 == count) {
                    done.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long cpu0 = serverCpu.millis();
        long client0 = clientCpuMillis();
        long t0 = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < CLIENTS; p++) {
            int share = count / CLIENTS + (p < count % CLIENTS ? 1 : 0);
            Thread t = new Thread(() -> {
                try (Session s = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                    MessageProducer producer = s.createProducer(s.createQueue(in));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 1; i <= share; i++) {
                        Message m = s.createBytesMessage();
                        ((jakarta.jms.BytesMessage) m).writeBytes(PAYLOAD);
                        m.setLongProperty("sent", System.nanoTime());
                        producer.send(m);
                        if (i % 50 == 0 || i == share) {
                            s.commit();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            producers.add(t);
        }
        for (Thread t : producers) {
            t.join();
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + received.get() + " of " + count + " arrived on " + out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Stats stats = Stats.of(count, seconds, latencies, serverCpu.millis() - cpu0, clientCpuMillis() - client0);
        sink.close();
        sinkSession.close();
        return stats;
    }

    private static long cpuMillis(List<Instance> servers) throws IOException {
        long sum = 0;
        for (Instance server : servers) {
            sum += server.cpuMillis();
        }
        return sum;
    }

    // ---- B3 ------------------------------------------------------------------------------------------------------

    /**
     * B3 (GET at saturation and at a fixed rate, POST, and B3J: {@link RestVersusServlet}) and B3SOAP
     * ({@link SoapVersusCxf}), with load from wrk ({@link HttpLoad}).
     */
    void b3RestVersusBareServlet() throws Exception {
        if (CASES.contains("B3")) {
            new RestVersusServlet(this).run();
        }
        if (CASES.contains("B3SOAP")) {
            new SoapVersusCxf(this).run();
        }
    }

    /** JDK HttpClient load from this JVM ({@code HTTP_THREADS} threads): B3J, ALERTS, TRACING, API_USAGE. */
    Stats httpRun(String url, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long cpu0 = conflux.cpuMillis();
        long client0 = clientCpuMillis();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < HTTP_THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - s;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " failed requests to " + url);
        }
        return Stats.of(requests, (System.nanoTime() - t0) / 1e9, latencies, conflux.cpuMillis() - cpu0,
                clientCpuMillis() - client0);
    }

    // ---- B4 ------------------------------------------------------------------------------------------------------

    void b4HotDeploy() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        long[] latencies = new long[20];
        try (Connection connection = cf.createConnection("admin", PASSWORD)) {
            connection.start();
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (int i = 0; i < latencies.length; i++) {
                String in = "bench.deploy." + i + ".in";
                String out = "bench.deploy." + i + ".out";
                s.createProducer(s.createQueue(in)).send(s.createTextMessage("m" + i));
                MessageConsumer consumer = s.createConsumer(s.createQueue(out));
                long t0 = System.nanoTime();
                Path tmp = Files.writeString(conflux.home.resolve("bench-deploy.tmp"), """
                        - route:
                            from:
                              uri: jms:queue:%s
                              steps:
                                - to: jms:queue:%s
                        """.formatted(in, out));
                Files.move(tmp, conflux.home.resolve("flows/bench-deploy-" + i + ".yaml"));
                if (consumer.receive(60_000) == null) {
                    throw new IllegalStateException("deploy " + i + ": nothing arrived");
                }
                latencies[i] = System.nanoTime() - t0;
                consumer.close();
                Files.delete(conflux.home.resolve("flows/bench-deploy-" + i + ".yaml"));
                // The next deploy is timed from an idle runtime, not queued behind this flow's graceful stop.
                String name = "bench-deploy-" + i;
                await("flow " + name + " undeployed", () -> !flowInfo(name).contains("\"state\":\"STARTED\""));
            }
        }
        Stats stats = Stats.of(latencies.length, 0, latencies, 0, 0);
        results.single("B4", "flow file written -> first message processed, 20 deploys",
                "Conflux flows/ (FileInstall 250 ms poll, validation, new CamelContext)", "ms", null, stats, "");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    interface Run {
        Stats run() throws Exception;
    }

    interface Probe {
        boolean ok() throws Exception;
    }

    Stats repeat(Run run) throws Exception {
        Stats[] runs = new Stats[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            runs[i] = run.run();
        }
        return Stats.median(runs);
    }

    void deploy(String file, String content) throws Exception {
        Path tmp = Files.writeString(conflux.home.resolve(file + ".tmp"), content);
        Files.move(tmp, conflux.home.resolve("flows").resolve(file));
        String name = file.replaceFirst("\\.yaml$", "");
        await("flow " + name + " started", () -> flowInfo(name).contains("\"state\":\"STARTED\""));
    }

    /** Jolokia answers only requests from the console's own origin (etc/jolokia-access.xml). */
    String consoleOrigin() {
        return "http://127.0.0.1:" + httpPort;
    }

    String flowInfo(String name) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/hawtio/jolokia/exec/conflux:type=flows/info/" + name)).header("Authorization", basic())
                .header("Origin", consoleOrigin()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void await(String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (probe.ok()) {
                    return;
                }
            } catch (Exception ignored) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    /** B1's work as a flow file: a transacted JMS consumer ({@link #CLIENTS} of them) relaying in -> out. */
    static String jmsRelayFlow(String id, String in, String out) {
        return """
                - route:
                    id: %s
                    from:
                      uri: jms:queue:%s?transacted=true&concurrentConsumers=%d
                      steps:
                        - to: jms:queue:%s
                """.formatted(id, in, CLIENTS, out);
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
    }

    static long clientCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** A row with its baseline; the container's resident memory is noted with it. */
    void row(String id, String work, String measured, String baseline, String unit, double value, double base,
            Stats m, Stats b, String notes) {
        row(id, work, measured, baseline, unit, value, base, m, b, notes, null);
    }

    /** The same, with the ratio of each round's pair (results.json: ratioMin, ratioMax, pairRatios; null if none). */
    void row(String id, String work, String measured, String baseline, String unit, double value, double base,
            Stats m, Stats b, String notes, List<Double> pairRatios) {
        Double rss;
        try {
            rss = conflux == null ? null : conflux.rssMiB();
        } catch (Exception e) {
            rss = null;
        }
        results.row(id, work, measured, baseline, unit, value, base, m, b, rss, notes, pairRatios);
    }
}
