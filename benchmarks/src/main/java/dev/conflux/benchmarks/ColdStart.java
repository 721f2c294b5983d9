package dev.conflux.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * B5: time from {@code bin/conflux start} (the distribution's own launcher and settings, no option added here) until
 * Conflux accepts work ({@link AcceptsWork}: console login, broker connection, service readiness and SSH), against
 * plain Karaf's {@code bin/start} until its SSH server answers; each from a fresh unpack (row B5) and again after a stop
 * of the same instance (B5R), {@code bench.repeat} rounds (plain Karaf, then Conflux, in each), median and min–max
 * of the rounds' ratios; the milestones of Conflux's start in the notes. B5M: resident memory 10 s after the first
 * start accepted work. The Conflux instance of the last round stays running for the cases after B5; without B5, one
 * instance is started and awaited.
 */
final class ColdStart {

    private static final long IDLE_MILLIS = 10_000;

    private final Benchmarks bench;

    ColdStart(Benchmarks bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        if (!Benchmarks.CASES.contains("B5")) {
            Instance conflux = unpackConflux();
            conflux.start(List.of("bin/conflux", "start"));
            Benchmarks.await("Conflux accepting work", bench::healthy);
            return;
        }
        List<Double> karafFirst = new ArrayList<>();
        List<Double> karafRestart = new ArrayList<>();
        List<Double> karafRss = new ArrayList<>();
        List<Map<String, Double>> confluxFirst = new ArrayList<>();
        List<Map<String, Double>> confluxRestart = new ArrayList<>();
        List<Double> confluxRss = new ArrayList<>();
        for (int i = 0; i < Benchmarks.REPEAT; i++) {
            String round = " (round " + (i + 1) + " of " + Benchmarks.REPEAT + ")";
            // Plain Karaf: fresh unpack, start, 10 s idle, stop, start again, stop.
            int ssh = Instance.freePort();
            Instance karaf = unpackKaraf(ssh);
            boolean stopped = false;
            try {
                karafFirst.add(karafStart(karaf, ssh, "plain Karaf first start" + round));
                Thread.sleep(IDLE_MILLIS); // the measure: resident memory after 10 s idle
                karafRss.add(karaf.rssMiB());
                karaf.stop(List.of("bin/stop"), ssh);
                karafRestart.add(karafStart(karaf, ssh, "plain Karaf restart" + round));
                karaf.stop(List.of("bin/stop"), ssh);
                stopped = true;
            } finally {
                if (!stopped && karaf.pid() > 0) { // none is left running when a start failed
                    karaf.stop(List.of("bin/stop"), ssh);
                }
            }
            // Conflux: the same; the last round's instance stays up for the next cases.
            Instance conflux = unpackConflux();
            confluxFirst.add(confluxStart(conflux, "Conflux first start" + round));
            Thread.sleep(IDLE_MILLIS);
            confluxRss.add(conflux.rssMiB());
            conflux.stop(List.of("bin/conflux", "stop"), bench.httpPort);
            confluxRestart.add(confluxStart(conflux, "Conflux restart" + round));
            if (i < Benchmarks.REPEAT - 1) {
                conflux.stop(List.of("bin/conflux", "stop"), bench.httpPort);
            }
            System.out.printf(Locale.ROOT, "B5 round %d: Conflux %.2f s (restart %.2f s), %.0f MiB; plain Karaf %.2f s"
                    + " (restart %.2f s), %.0f MiB%n", i + 1, confluxFirst.get(i).get(AcceptsWork.ALL),
                    confluxRestart.get(i).get(AcceptsWork.ALL), confluxRss.get(i), karafFirst.get(i),
                    karafRestart.get(i), karafRss.get(i));
            System.out.println("  Conflux timeline, s: first start: " + AcceptsWork.describe(confluxFirst.get(i))
                    + "; restart: " + AcceptsWork.describe(confluxRestart.get(i)));
        }
        String karafName = "plain Karaf " + System.getProperty("karaf.version", "4.4.10");
        String endPoint = "Conflux: console login (authenticated Jolokia read), broker connection (authenticated JMS),"
                + " service plane /health/ready 200 and SSH identification; plain Karaf: SSH identification";
        row("B5", "start of a fresh unpack to accepting work (" + endPoint + ")", "Conflux test distribution,"
                + " bin/conflux start", karafName + ", bin/start", confluxFirst, karafFirst);
        row("B5R", "restart of the same instance after a stop to accepting work (" + endPoint + ")",
                "Conflux, bin/conflux start after bin/conflux stop", karafName + ", bin/start after bin/stop",
                confluxRestart, karafRestart);
        List<Double> rssRatios = Stats.ratios(confluxRss, karafRss);
        bench.row("B5M", "idle resident memory, 10 s after the first start accepted work", "Conflux", karafName, "MiB",
                Stats.median(confluxRss), Stats.median(karafRss), null, null, "runs " + Stats.list(confluxRss) + " vs "
                        + Stats.list(karafRss) + "; ratio per round " + Stats.list(rssRatios), rssRatios);
    }

    /** A row of start times: Conflux's "all" against plain Karaf's SSH, with Conflux's milestones in the notes. */
    private void row(String id, String work, String measured, String baseline, List<Map<String, Double>> conflux,
            List<Double> karaf) {
        List<Double> all = conflux.stream().map(t -> t.get(AcceptsWork.ALL)).toList();
        List<Double> ratios = Stats.ratios(all, karaf);
        List<String> milestones = new ArrayList<>();
        for (String milestone : AcceptsWork.CONFLUX_MILESTONES) {
            List<Double> times = conflux.stream().map(t -> t.get(milestone)).toList();
            milestones.add(milestone + " " + Stats.spread(times));
        }
        String notes = "Conflux timeline, s from bin/conflux start, median (min–max) of " + conflux.size() + ": "
                + String.join(", ", milestones) + "; plain Karaf SSH " + Stats.spread(karaf) + "; ratio per round "
                + Stats.list(ratios) + "; runs " + Stats.list(all) + " vs " + Stats.list(karaf);
        bench.row(id, work, measured, baseline, "s", Stats.median(all), Stats.median(karaf), null, null, notes, ratios);
    }

    /** Starts Conflux with its launcher and returns when each milestone was first reached. */
    private Map<String, Double> confluxStart(Instance conflux, String what) throws Exception {
        long t0 = System.nanoTime();
        conflux.start(List.of("bin/conflux", "start"));
        return AcceptsWork.timeline(what, t0, Benchmarks.AWAIT, AcceptsWork.conflux(bench.httpPort, bench.brokerPort,
                bench.servicesPort, Integer.parseInt(conflux.env.get("CONFLUX_SSH_PORT"))));
    }

    /** Starts plain Karaf and returns the seconds until its SSH server answered. */
    private static double karafStart(Instance karaf, int ssh, String what) throws Exception {
        long t0 = System.nanoTime();
        karaf.start(List.of("bin/start"));
        Map<String, AcceptsWork.Probe> probe = new LinkedHashMap<>();
        probe.put(AcceptsWork.SSH, () -> AcceptsWork.sshAnswers(ssh));
        return AcceptsWork.timeline(what, t0, Benchmarks.AWAIT, probe).get(AcceptsWork.SSH);
    }

    /** A fresh Conflux on free ports (bench.conflux and the ports of the benchmark). */
    private Instance unpackConflux() throws Exception {
        Instance conflux = Instance.unpack(Path.of(System.getProperty("bench.distribution")), bench.work.resolve("conflux"));
        bench.conflux = conflux;
        bench.brokerPort = Instance.freePort();
        bench.servicesPort = Instance.freePort();
        bench.httpPort = Instance.freePort();
        conflux.env.put("CONFLUX_ADMIN_PASSWORD", Benchmarks.PASSWORD);
        conflux.env.put("CONFLUX_HTTP_PORT", String.valueOf(bench.httpPort));
        conflux.env.put("CONFLUX_SERVICES_PORT", String.valueOf(bench.servicesPort));
        conflux.env.put("CONFLUX_BROKER_PORT", String.valueOf(bench.brokerPort));
        for (String v : List.of("CONFLUX_AMQP_PORT", "CONFLUX_MQTT_PORT", "CONFLUX_STOMP_PORT", "CONFLUX_SSH_PORT",
                "CONFLUX_JMX_REGISTRY_PORT", "CONFLUX_JMX_SERVER_PORT")) {
            conflux.env.put(v, String.valueOf(Instance.freePort()));
        }
        if (Benchmarks.CASES.contains("ALERTS")) {
            AlertingOverhead.configure(conflux.home);
        }
        if (Benchmarks.CASES.contains("TRACING")) {
            TracingOverhead.configure(conflux.home);
        }
        if (Benchmarks.CASES.contains("API_USAGE")) {
            ApiUsageOverhead.configure(conflux.home);
        }
        return conflux;
    }

    /** A fresh plain Karaf with its SSH server on {@code ssh} and its other ports free ones. */
    private Instance unpackKaraf(int ssh) throws Exception {
        Instance karaf = Instance.unpack(Path.of(System.getProperty("bench.karaf")), bench.work.resolve("karaf"));
        Path shell = karaf.home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shell, Files.readString(shell).replace("sshPort = 8101", "sshPort = " + ssh));
        Path mgmt = karaf.home.resolve("etc/org.apache.karaf.management.cfg");
        Files.writeString(mgmt, Files.readString(mgmt).replace("rmiRegistryPort = 1099", "rmiRegistryPort = "
                + Instance.freePort()).replace("rmiServerPort = 44444", "rmiServerPort = " + Instance.freePort()));
        return karaf;
    }
}
