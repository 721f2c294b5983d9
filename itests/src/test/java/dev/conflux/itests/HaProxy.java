package dev.conflux.itests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HAProxy from Debian in front of the nodes' service planes, as docs/cluster.md shows it: round robin over the nodes
 * that answer 200 on {@code /health/ready}, checked twice a second; a request whose connection is refused is sent to
 * another node. Runs in the foreground on a free loopback port until closed.
 */
final class HaProxy implements AutoCloseable {

    final int port = ConfluxDistribution.freePort();
    private final Process process;
    private final Path log;

    /** @param servicePorts each node's service plane port, by node name */
    HaProxy(Path dir, Map<String, Integer> servicePorts) throws Exception {
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 256
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                frontend services
                    bind 127.0.0.1:%d
                    default_backend conflux
                backend conflux
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                """.formatted(port));
        servicePorts.forEach((node, p) -> cfg.append("    server ").append(node).append(" 127.0.0.1:").append(p)
                .append(" check\n"));
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        log = dir.resolve("haproxy.log");
        String binary = new File("/usr/sbin/haproxy").canExecute() ? "/usr/sbin/haproxy" : "haproxy";
        Processes.Result check = Processes.run(dir, List.of(binary, "-c", "-f", file.toString()), Map.of(),
                Duration.ofSeconds(30));
        if (check.exit() != 0) {
            throw new AssertionError("haproxy refused its configuration: " + check.output());
        }
        process = new ProcessBuilder(binary, "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        Path kept = Path.of("target", "failsafe-reports", "ClusterIT-haproxy.log");
        Files.createDirectories(kept.getParent());
        Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
