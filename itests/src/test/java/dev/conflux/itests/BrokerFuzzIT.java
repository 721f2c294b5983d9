package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.itests.BrokerFuzz.Case;
import dev.conflux.itests.BrokerFuzz.Protocol;
import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The broker plane under malformed frames (issue 15, "Bounded memory", "Protocols recover", "Stops cleanly"). The
 * dev distribution runs as an operator runs it ({@code bin/conflux start}, a real process whose CPU and memory the
 * test reads from /proc, stopped with {@code bin/conflux stop}); a seeded fuzzer ({@link BrokerFuzz}, seed
 * {@code -Dfuzz.seed}, default 15) sends malformed frames to every broker port over raw sockets while proper
 * clients keep working, then the test checks that nothing spun, bloated, hung or was lost.
 */
public class BrokerFuzzIT {

    static final long SEED = Long.getLong("fuzz.seed", 15);
    static final int CASES_PER_PROTOCOL = 320;
    static final int KEPT = 100;
    static final String PASSWORD = "fuzz-" + UUID.randomUUID();
    static final String ADMIN = ConfluxDistribution.ADMIN;
    static final Map<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
    static final Map<String, String> env = new HashMap<>();
    static Path home;
    static int httpPort;
    static long pid;

    @BeforeClass
    public static void start() throws Exception {
        Path archive = Path.of(System.getProperty("conflux.distribution"));
        Path dir = Files.createDirectories(Path.of("target", "fuzz-" + UUID.randomUUID()).toAbsolutePath());
        EnvironmentsIT.run(dir, List.of("tar", "xzf", archive.toString()), Map.of(), 0);
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        httpPort = ConfluxDistribution.freePort();
        ports.put(Protocol.CORE, ConfluxDistribution.freePort());
        ports.put(Protocol.AMQP, ConfluxDistribution.freePort());
        ports.put(Protocol.MQTT, ConfluxDistribution.freePort());
        ports.put(Protocol.STOMP, ConfluxDistribution.freePort());
        env.put("CONFLUX_HTTP_PORT", String.valueOf(httpPort));
        env.put("CONFLUX_SERVICES_PORT", String.valueOf(ConfluxDistribution.freePort()));
        env.put("CONFLUX_BROKER_PORT", String.valueOf(ports.get(Protocol.CORE)));
        env.put("CONFLUX_AMQP_PORT", String.valueOf(ports.get(Protocol.AMQP)));
        env.put("CONFLUX_MQTT_PORT", String.valueOf(ports.get(Protocol.MQTT)));
        env.put("CONFLUX_STOMP_PORT", String.valueOf(ports.get(Protocol.STOMP)));
        env.put("CONFLUX_SSH_PORT", String.valueOf(ConfluxDistribution.freePort()));
        env.put("CONFLUX_JMX_REGISTRY_PORT", String.valueOf(ConfluxDistribution.freePort()));
        env.put("CONFLUX_JMX_SERVER_PORT", String.valueOf(ConfluxDistribution.freePort()));
        env.put("CONFLUX_ADMIN_PASSWORD", PASSWORD);
        EnvironmentsIT.run(home, List.of("bin/conflux", "start"), env, 0);
        String pidText = Await.until("Jolokia answering", Duration.ofMinutes(3), () -> jolokiaRead("java.lang:type=Runtime/Pid"));
        pid = Long.parseLong(pidText);
        Await.until("the broker accepting clients on every port", Duration.ofMinutes(2), () -> {
            properClientsConnect();
            return true;
        });
    }

    @AfterClass
    public static void stop() throws Exception {
        if (home == null) {
            return;
        }
        if (pid == 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            EnvironmentsIT.run(home, List.of("bin/conflux", "stop"), env, -1);
            if (pid > 0) {
                try {
                    Await.until("Conflux stopped", Duration.ofMinutes(2), () -> ProcessHandle.of(pid).isEmpty()
                            || !ProcessHandle.of(pid).get().isAlive());
                } catch (AssertionError hung) {
                    // a broker that does not stop must not outlive the test
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    throw hung;
                }
            }
        }
        Path log = home.resolve("data/log/karaf.log");
        if (Files.exists(log)) {
            Path kept = Path.of("target", "failsafe-reports", "BrokerFuzzIT-karaf.log");
            Files.createDirectories(kept.getParent());
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    public void theBrokerPlaneSurvivesMalformedFramesOnEveryPortLosesNothingAndStopsCleanly() throws Exception {
        ProcessStats stats = new ProcessStats(pid);
        try (Jms jms = new Jms("tcp://127.0.0.1:" + ports.get(Protocol.CORE), ADMIN, PASSWORD)) {
            for (int i = 0; i < KEPT; i++) {
                jms.send("fuzz.kept", "kept " + i);
            }
        }
        // A client whose token-sized password used to spin the broker is now told it is wrong.
        assertThrows(JMSSecurityException.class, () -> BrokerClients.amqp(ports.get(Protocol.AMQP), BrokerFuzz.STRANGER, "t".repeat(8000)));
        double idle = awaitIdle(stats, Duration.ofMinutes(2));
        long rssBefore = stats.rssBytes();
        String heapBefore = jolokiaRead("java.lang:type=Memory/HeapMemoryUsage");

        GoodClient good = new GoodClient();
        Thread goodThread = new Thread(good, "good-client");
        goodThread.start();
        List<Case> cases = new BrokerFuzz(SEED, ADMIN, PASSWORD).cases(CASES_PER_PROTOCOL);
        long fuzzStart = System.nanoTime();
        List<String> notClosed = fuzz(cases);
        long lastFrame = System.nanoTime();
        good.stop.set(true);
        goodThread.join(60_000);

        Map<Protocol, Long> perProtocol = new EnumMap<>(Protocol.class);
        cases.forEach(c -> perProtocol.merge(c.protocol(), 1L, Long::sum));
        System.out.printf("Fuzz (seed %d): %s cases in %.1f s; the good client made %d round trips, %d failed%n",
                SEED, perProtocol, (lastFrame - fuzzStart) / 1e9, good.roundTrips.get(), good.failures.size());
        perProtocol.forEach((p, n) -> assertTrue(p + ": " + n + " cases", n >= 300));
        assertEquals("garbage clients the broker did not disconnect", List.of(), notClosed);
        assertEquals("failures of the good client during the fuzz", List.of(), new ArrayList<>(good.failures));
        assertTrue("the good client worked during the fuzz", good.roundTrips.get() > 0);

        // Every port takes a proper client within a second.
        for (Protocol p : Protocol.values()) {
            long t = System.nanoTime();
            properClient(p);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("%s: a proper client connected in %.3f s%n", p, seconds);
            assertTrue(p + " took " + seconds + " s to accept a proper client", seconds < 1.0);
        }

        // CPU back to idle within 10 s of the last malformed frame.
        stats.reset();
        double share = Await.until("CPU under 5% of a core", Duration.ofSeconds(10).minusNanos(System.nanoTime() - lastFrame),
                () -> {
                    double s = stats.coreShareOver(2);
                    return s >= 0 && s < 0.05 ? s : null;
                });
        long rssAfter = stats.rssBytes();
        System.out.printf("Heap before: %s%nHeap after: %s%n", heapBefore, jolokiaRead("java.lang:type=Memory/HeapMemoryUsage"));
        System.out.printf("CPU: %.1f%% of a core idle before, %.1f%% after; RSS %d MB before, %d MB after (%.2fx)%n",
                idle * 100, share * 100, rssBefore >> 20, rssAfter >> 20, (double) rssAfter / rssBefore);
        assertTrue("RSS " + (rssAfter >> 20) + " MB after the fuzz, " + (rssBefore >> 20) + " MB before",
                rssAfter <= rssBefore * 1.5);

        // Nothing sent before the fuzz is lost.
        try (Jms jms = new Jms("tcp://127.0.0.1:" + ports.get(Protocol.CORE), ADMIN, PASSWORD)) {
            for (int i = 0; i < KEPT; i++) {
                assertEquals("kept " + i, jms.receive("fuzz.kept", 10_000));
            }
        }

        // bin/conflux stop ends the process within 30 s.
        long stopStart = System.nanoTime();
        EnvironmentsIT.run(home, List.of("bin/conflux", "stop"), env, 0);
        Await.until("the process ended", Duration.ofSeconds(30), () -> ProcessHandle.of(pid).isEmpty()
                || !ProcessHandle.of(pid).get().isAlive());
        System.out.printf("bin/conflux stop: the process ended %.1f s after the command%n", (System.nanoTime() - stopStart) / 1e9);
    }

    /** Sends every case over its own socket, eight at a time; answers the mustClose cases the broker left open. */
    private static List<String> fuzz(List<Case> cases) throws Exception {
        ConcurrentLinkedQueue<String> notClosed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Case c : cases) {
                done.add(pool.submit(() -> {
                    if (!send(c) && c.mustClose()) {
                        notClosed.add(c.protocol() + " " + c.kind());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(notClosed);
    }

    /** Writes the case's bytes; true if the broker closed the connection (within 5 s for a case that must close). */
    private static boolean send(Case c) throws IOException {
        try (Socket s = BrokerClients.connect(ports.get(c.protocol()))) {
            s.setSoTimeout(c.mustClose() ? 5_000 : 200);
            try {
                s.getOutputStream().write(c.bytes());
                s.getOutputStream().flush();
            } catch (IOException closedWhileWriting) {
                return true;
            }
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) {
                    // drain whatever the broker answers until it closes
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    /** An attribute read over Jolokia as the admin, as text (JSON for a composite), or null if not answered. */
    private static String jolokiaRead(String path) throws Exception {
        var r = new Http().get("http://127.0.0.1:" + httpPort + "/hawtio/jolokia/read/" + path,
                "Authorization", Http.basic(ADMIN, PASSWORD), "Origin", "http://127.0.0.1:" + httpPort);
        if (r.statusCode() != 200) {
            return null;
        }
        var value = Http.json(r).path("value");
        return value.isValueNode() ? value.asText(null) : value.toString();
    }

    private static void properClientsConnect() throws Exception {
        for (Protocol p : Protocol.values()) {
            properClient(p);
        }
    }

    private static void properClient(Protocol p) throws Exception {
        int port = ports.get(p);
        switch (p) {
            case CORE -> BrokerClients.core(port, ADMIN, PASSWORD);
            case AMQP -> BrokerClients.amqp(port, ADMIN, PASSWORD);
            case STOMP -> assertEquals("CONNECTED", BrokerClients.stomp(port, ADMIN, PASSWORD));
            case MQTT -> assertEquals(0, BrokerClients.mqtt(port, ADMIN, PASSWORD));
        }
    }

    /** Waits until the process uses under 5% of a core over 2 s (after boot and the warm-up); answers that share. */
    private static double awaitIdle(ProcessStats stats, Duration timeout) throws Exception {
        stats.reset();
        return Await.until("Conflux idle after boot", timeout, () -> {
            double s = stats.coreShareOver(2);
            return s >= 0 && s < 0.05 ? s : null;
        });
    }

    /** A proper JMS client doing round trips over core and AMQP while the fuzz runs. */
    static final class GoodClient implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger roundTrips = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        @Override
        public void run() {
            try (Jms core = new Jms("tcp://127.0.0.1:" + ports.get(Protocol.CORE), ADMIN, PASSWORD)) {
                while (!stop.get()) {
                    int n = roundTrips.get();
                    String body = "live " + n;
                    core.send("fuzz.live", body);
                    String back = core.receive("fuzz.live", 10_000);
                    if (!body.equals(back)) {
                        failures.add("round trip " + n + " got " + back);
                    }
                    BrokerClients.amqp(ports.get(Protocol.AMQP), ADMIN, PASSWORD);
                    roundTrips.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }
}
