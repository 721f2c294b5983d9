package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * B1 and B2: JMS queue → flow → queue against a transacted JMS relay without a flow (B1) and the same route in plain
 * Camel (B2), on the same broker, in the same run. Both baselines run in a JVM of their own ({@link JmsBaseline}), so
 * each side's server CPU is its own: the container's process (its broker, and for Conflux the flow) plus, for a
 * baseline, the baseline's process; the producers and the listener in the benchmark's JVM are client CPU, for all
 * three alike. The three are measured in {@code bench.repeat} rounds, each measuring relay, flow and plain Camel in a
 * rotating order (relay flow camel, flow camel relay, camel relay flow, ...); the rows show each side's median round
 * and the notes each round's ratios.
 *
 * <p>B1NS (rows B1NS and B2NS): the same with the broker's journal sync off for all three sides alike (etc/artemis.xml
 * changed, the container restarted), so that the flow engine's own cost shows instead of the journal's, which bounds
 * B1; the shipped etc/artemis.xml is put back (and the container restarted) after. "Sync off" is
 * {@code journal-datasync false} (no fsync) and {@code journal-buffer-timeout 0}: the NIO journal's timed buffer
 * otherwise flushes at most once per timeout (3.33 ms by default) whether it syncs or not, and every transaction
 * commit waits for a flush, which bounds B1 at a few hundred msg/s with 2 consumers with the sync on or off. With
 * {@code -Dbench.nosync.bufferTimeout=shipped} B1NS keeps the shipped timeout (journal-datasync false only).
 */
final class FlowVersusRawJms {

    private static final String FLOW_FILE = "bench-jms.yaml";
    private static final String FLOW = Benchmarks.jmsRelayFlow("bench-jms", "bench.flow.in", "bench.flow.out");

    /** journal-buffer-timeout in ns for B1NS, or null to keep the distribution's. */
    private static final String NOSYNC_BUFFER_TIMEOUT = "shipped".equals(System.getProperty("bench.nosync.bufferTimeout",
            "0")) ? null : String.valueOf(Long.parseLong(System.getProperty("bench.nosync.bufferTimeout", "0")));

    private final Benchmarks bench;
    /** etc/artemis.xml as shipped, while B1NS runs with its own. */
    private String shippedArtemisXml;

    FlowVersusRawJms(Benchmarks bench) {
        this.bench = bench;
    }

    /** One side of B1/B2: its queues and where its server CPU is read. */
    private record Side(String name, String in, String out, Benchmarks.ServerCpu cpu) {
    }

    /** Each side's runs, one per round. */
    private record Rounds(Stats[] relay, Stats[] flow, Stats[] camel) {
    }

    void run() throws Exception {
        if (Benchmarks.CASES.contains("B1") || Benchmarks.CASES.contains("B2")) {
            rows("B1", "B2", "", measure("sync"));
        }
        if (Benchmarks.CASES.contains("B1NS")) {
            try {
                String setting = journalSyncOff();
                rows("B1NS", "B2NS", ", broker journal sync off (" + setting + ") for all sides", measure("nosync"));
            } finally {
                journalSyncShipped();
            }
        }
    }

    private Rounds measure(String label) throws Exception {
        Path logs = bench.work.resolve("baselines");
        Path relayLog = logs.resolve("relay-" + label + ".log");
        Path camelLog = logs.resolve("camel-" + label + ".log");
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
        // The baselines start while the flow deploys; all three consume from the start, each from its own queue.
        try (OutOfProcess relay = baseline("relay", "bench.raw.in", "bench.raw.out", relayLog);
                OutOfProcess camel = baseline("camel", "bench.camel.in", "bench.camel.out", camelLog);
                Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
            connection.start();
            bench.deploy(FLOW_FILE, FLOW);
            awaitReady(relay, relayLog);
            awaitReady(camel, camelLog);
            Instance conflux = bench.conflux;
            List<Side> sides = List.of(
                    new Side("relay", "bench.raw.in", "bench.raw.out", () -> conflux.cpuMillis() + relay.cpuMillis()),
                    new Side("flow", "bench.flow.in", "bench.flow.out", conflux::cpuMillis),
                    new Side("camel", "bench.camel.in", "bench.camel.out", () -> conflux.cpuMillis() + camel.cpuMillis()));
            for (Side side : sides) {
                bench.jmsRun(connection, side.in(), side.out(), Benchmarks.WARMUP, side.cpu());
            }
            Stats[][] runs = new Stats[sides.size()][Benchmarks.REPEAT];
            for (int round = 0; round < Benchmarks.REPEAT; round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "B1/B2 %s round %d:", label, round + 1));
                for (int k = 0; k < sides.size(); k++) {
                    int s = (round + k) % sides.size();
                    Side side = sides.get(s);
                    runs[s][round] = bench.jmsRun(connection, side.in(), side.out(), Benchmarks.MESSAGES, side.cpu());
                    line.append(String.format(Locale.ROOT, " %s %.0f msg/s (server %d ms);", side.name(),
                            runs[s][round].throughput(), runs[s][round].serverCpuMs()));
                }
                System.out.println(line);
            }
            Files.delete(bench.conflux.home.resolve("flows").resolve(FLOW_FILE));
            Benchmarks.await("flow bench-jms undeployed", () -> !bench.flowInfo("bench-jms").contains("\"state\":\"STARTED\""));
            return new Rounds(runs[0], runs[1], runs[2]);
        }
    }

    private void rows(String b1, String b2, String setting, Rounds r) {
        Stats raw = Stats.median(r.relay());
        Stats flow = Stats.median(r.flow());
        Stats plain = Stats.median(r.camel());
        List<Double> vsRelay = Stats.ratios(r.flow(), r.relay());
        List<Double> vsCamel = Stats.ratios(r.flow(), r.camel());
        String work = Benchmarks.MESSAGES + " persistent 1 KiB messages, " + Benchmarks.CLIENTS + " producers, "
                + Benchmarks.CLIENTS + " transacted consumers" + setting;
        String rounds = Benchmarks.REPEAT + " rounds (relay, flow, plain Camel in rotating order); ";
        bench.row(b1, "JMS queue -> flow -> queue (" + work + ")", "Conflux flow file",
                "transacted JMS relay (plain Artemis client, own JVM), same broker, no flow", "msg/s",
                flow.throughput(), raw.throughput(), flow, raw, rounds + "flow/relay per round " + Stats.list(vsRelay)
                        + ", median (min–max) " + Stats.spread(vsRelay) + "; msg/s flow " + throughputs(r.flow())
                        + ", relay " + throughputs(r.relay()), vsRelay);
        bench.row(b2, "JMS queue -> route -> queue (" + work + ")", "Conflux flow file",
                "same route in plain Camel (no OSGi, own JVM, same jms settings)", "msg/s", flow.throughput(),
                plain.throughput(), flow, plain, rounds + "flow/camel per round " + Stats.list(vsCamel)
                        + ", median (min–max) " + Stats.spread(vsCamel) + "; msg/s flow " + throughputs(r.flow())
                        + ", camel " + throughputs(r.camel()), vsCamel);
    }

    private static String throughputs(Stats[] runs) {
        List<String> values = new ArrayList<>();
        for (Stats s : runs) {
            values.add(String.format(Locale.ROOT, "%.0f", s.throughput()));
        }
        return values.toString();
    }

    /** A {@link JmsBaseline} in a JVM of its own, consuming from {@code in}. */
    private OutOfProcess baseline(String mode, String in, String out, Path log) throws Exception {
        return OutOfProcess.start(JmsBaseline.class, log,
                List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dbench.camel.lazyTransactionManager="
                        + Boolean.parseBoolean(System.getProperty("bench.camel.lazyTransactionManager", "false"))),
                List.of(mode, String.valueOf(bench.brokerPort), "admin", Benchmarks.PASSWORD, in, out,
                        String.valueOf(Benchmarks.CLIENTS)));
    }

    /** Waits until the baseline's log says it consumes (or fails when the process ended or the deadline passed). */
    private static void awaitReady(OutOfProcess baseline, Path log) throws Exception {
        long deadline = System.nanoTime() + Benchmarks.AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.lines().anyMatch(l -> l.startsWith(JmsBaseline.READY))) {
                return;
            }
            if (!baseline.process.isAlive()) {
                throw new IllegalStateException("baseline ended (exit " + baseline.process.exitValue() + "), " + log
                        + ":\n" + text);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("baseline not ready within " + Benchmarks.AWAIT + ", see " + log);
    }

    /** Turns the broker's journal sync off (see the class comment) and restarts; returns what was set. */
    private String journalSyncOff() throws Exception {
        Path xml = bench.conflux.home.resolve("etc/artemis.xml");
        String shipped = Files.readString(xml);
        if (!shipped.contains("<journal-datasync>")) {
            throw new IllegalStateException("no <journal-datasync> in " + xml);
        }
        shippedArtemisXml = shipped;
        String datasync = "<journal-datasync>false</journal-datasync>";
        String text = shipped.replaceAll("<journal-datasync>[^<]*</journal-datasync>", datasync);
        String setting = "journal-datasync false";
        if (NOSYNC_BUFFER_TIMEOUT != null) {
            String timeout = "<journal-buffer-timeout>" + NOSYNC_BUFFER_TIMEOUT + "</journal-buffer-timeout>";
            text = text.contains("<journal-buffer-timeout>")
                    ? text.replaceAll("<journal-buffer-timeout>[^<]*</journal-buffer-timeout>", timeout)
                    : text.replace(datasync, datasync + "\n      " + timeout);
            setting += ", journal-buffer-timeout " + NOSYNC_BUFFER_TIMEOUT;
        }
        restart(xml, text, setting);
        return setting;
    }

    /** Puts the shipped etc/artemis.xml back and restarts, so that later cases measure the shipped setting. */
    private void journalSyncShipped() throws Exception {
        if (shippedArtemisXml == null) {
            return; // not changed
        }
        restart(bench.conflux.home.resolve("etc/artemis.xml"), shippedArtemisXml, "shipped journal settings");
    }

    /** Writes etc/artemis.xml with the container stopped, starts it again and waits until it accepts work. */
    private void restart(Path xml, String text, String setting) throws Exception {
        bench.conflux.stop(List.of("bin/conflux", "stop"), bench.httpPort);
        Files.writeString(xml, text);
        System.out.println(setting + ": restarting the container");
        bench.conflux.start(List.of("bin/conflux", "start"));
        Benchmarks.await("Conflux accepting work (" + setting + ")", bench::healthy);
    }
}
