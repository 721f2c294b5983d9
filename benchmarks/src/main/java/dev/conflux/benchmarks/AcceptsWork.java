package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * When a container accepts work, B5's end point, and the milestones on the way there. Conflux accepts work when all
 * of these hold:
 * <ul>
 * <li>console login: an authenticated Jolokia read of {@code conflux:type=flows/Flows} on the console answers 200
 * (console, JAAS realm, Jolokia and the flow runtime's MBean up);</li>
 * <li>broker connection: the embedded broker accepts an authenticated JMS connection ({@code createConnection} and
 * {@code start()});</li>
 * <li>service readiness: the service plane's {@code GET /health/ready} answers 200 (the monitoring bundle's readiness:
 * broker started with every acceptor accepting, every critical flow STARTED, the flow files present at start deployed;
 * it is cached for 1 s);</li>
 * <li>SSH: the Karaf shell's SSH server sends its identification string ({@code SSH-2.0-...}).</li>
 * </ul>
 * Plain Karaf accepts work when its SSH server sends its identification string. {@link #timeline} records, from a
 * given start instant, when each milestone is first reached.
 */
final class AcceptsWork {

    static final String CONSOLE_PORT = "console port open";
    static final String CONSOLE_LOGIN = "console login";
    static final String SSH = "SSH";
    static final String BROKER = "broker connection";
    static final String SERVICE_READY = "service readiness";
    static final String ALL = "all";
    /** The milestones of a Conflux start, in the order they are reported ({@link #ALL} last). */
    static final List<String> CONFLUX_MILESTONES = List.of(CONSOLE_PORT, CONSOLE_LOGIN, SSH, BROKER, SERVICE_READY, ALL);

    private static final long POLL_MILLIS = 50;
    private static final Pattern JOLOKIA_OK = Pattern.compile("\"status\"\\s*:\\s*200\\b");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    interface Probe {
        boolean ok() throws Exception;
    }

    private AcceptsWork() {
    }

    /** The milestones of a Conflux instance on these ports ({@link #ALL} excluded: it is when the others all are). */
    static Map<String, Probe> conflux(int httpPort, int brokerPort, int servicesPort, int sshPort) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put(CONSOLE_PORT, () -> Instance.portOpen(httpPort));
        probes.put(CONSOLE_LOGIN, () -> consoleLogin(httpPort));
        probes.put(SSH, () -> sshAnswers(sshPort));
        probes.put(BROKER, () -> brokerAccepts(brokerPort));
        probes.put(SERVICE_READY, () -> serviceReady(servicesPort));
        return probes;
    }

    /** Whether Conflux accepts work now (each decisive milestone, one after the other). */
    static boolean confluxAcceptsWork(int httpPort, int brokerPort, int servicesPort, int sshPort) {
        try {
            return consoleLogin(httpPort) && serviceReady(servicesPort) && brokerAccepts(brokerPort)
                    && sshAnswers(sshPort);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Polls every probe about every 50 ms, each in a thread of its own, until it first succeeds or the deadline
     * passes, and returns when each did, in seconds from {@code t0} ({@link System#nanoTime()}), plus {@link #ALL}:
     * the latest of them. Throws when one is not reached in time.
     */
    static Map<String, Double> timeline(String what, long t0, Duration timeout, Map<String, Probe> probes)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Double> reached = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Probe> probe : probes.entrySet()) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long attempt = System.nanoTime();
                    try {
                        if (probe.getValue().ok()) {
                            reached.put(probe.getKey(), (System.nanoTime() - t0) / 1e9);
                            return;
                        }
                    } catch (Exception notYet) {
                        // not yet
                    }
                    long rest = POLL_MILLIS - (System.nanoTime() - attempt) / 1_000_000;
                    if (rest > 0) {
                        try {
                            Thread.sleep(rest);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "probe " + probe.getKey());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<String> missing = probes.keySet().stream().filter(k -> !reached.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(what + ": not reached within " + timeout + ": " + missing + " (reached: "
                    + reached + ")");
        }
        Map<String, Double> timeline = new LinkedHashMap<>();
        probes.keySet().forEach(k -> timeline.put(k, reached.get(k)));
        timeline.put(ALL, reached.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return timeline;
    }

    /** An authenticated Jolokia read of the flow runtime's MBean answers 200 (HTTP and Jolokia status). */
    static boolean consoleLogin(int httpPort) throws Exception {
        if (!Instance.portOpen(httpPort)) {
            return false;
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/hawtio/jolokia/read/conflux:type=flows/Flows")).header("Authorization", Benchmarks.basic())
                // Jolokia answers only requests from the console's own origin (etc/jolokia-access.xml).
                .header("Origin", "http://127.0.0.1:" + httpPort).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && JOLOKIA_OK.matcher(response.body()).find();
    }

    /** The service plane's readiness probe answers 200. */
    static boolean serviceReady(int servicesPort) throws Exception {
        if (!Instance.portOpen(servicesPort)) {
            return false;
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicesPort + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** The broker accepts an authenticated JMS connection as admin. */
    static boolean brokerAccepts(int brokerPort) throws Exception {
        if (!Instance.portOpen(brokerPort)) {
            return false;
        }
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?initialConnectAttempts=1&reconnectAttempts=0&callTimeout=10000");
                Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
            connection.start();
            return true;
        }
    }

    /** An SSH server on the port sends its identification string ("SSH-2.0-..."). */
    static boolean sshAnswers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 255; c = in.read()) {
                line.append((char) c);
            }
            // Servers may send other lines before it (RFC 4253 4.2); Karaf's MINA SSHD sends it first.
            return line.toString().startsWith("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    static String describe(Map<String, Double> timeline) {
        List<String> parts = new ArrayList<>();
        timeline.forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.2f", v)));
        return String.join(", ", parts);
    }
}
