package dev.conflux.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** An unpacked distribution (Conflux or plain Karaf) started with its own scripts, and its process. */
final class Instance {

    final Path home;
    final Map<String, String> env = new HashMap<>();

    private Instance(Path home) {
        this.home = home;
    }

    static Instance unpack(Path archive, Path into) throws Exception {
        if (Files.exists(into)) {
            run(into.getParent(), List.of("rm", "-rf", into.toString()), Map.of());
        }
        Files.createDirectories(into);
        run(into, List.of("tar", "xzf", archive.toString()), Map.of());
        try (var entries = Files.list(into)) {
            return new Instance(entries.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    void start(List<String> command) throws Exception {
        run(home, command, env);
    }

    void stop(List<String> command, int port) throws Exception {
        run(home, command, env);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && (portOpen(port) || pid() > 0)) {
            Thread.sleep(200);
        }
    }

    /** The JVM running this instance (0 if none). */
    long pid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-Dkaraf.home=" + home)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }

    /** Resident memory in MiB (from /proc). */
    double rssMiB() throws IOException {
        long pid = pid();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** CPU time used so far, in milliseconds (user + system, from /proc). */
    long cpuMillis() throws IOException {
        return cpuMillisOf(pid());
    }

    /** CPU time a process has used so far, in milliseconds (user + system, from /proc/PID/stat). */
    static long cpuMillisOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    }

    static String run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free loopback port below the kernel's ephemeral range (10000-32767), never handed out twice: a port from
     * {@code bind(0)} can be taken by the container's own random ports (Karaf's shutdown socket, RMI) before the
     * broker binds it.
     */
    static int freePort() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(10_000, 32_768);
            if ((port >= 21_000 && port < 21_100) || HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 10000 and 32767");
    }
}
