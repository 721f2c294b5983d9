package dev.conflux.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The assembled distribution as Pax Exam boots it: a fresh unpack on free loopback ports, with an admin
 * password chosen by the test (as a user would with CONFLUX_ADMIN_PASSWORD).
 */
public final class ConfluxDistribution {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "itest-" + UUID.randomUUID();
    /** Support users of the console roles (etc/users.properties groups viewers and operators). */
    public static final String VIEWER = "support-viewer";
    public static final String VIEWER_PASSWORD = "viewer-" + UUID.randomUUID();
    public static final String OPERATOR = "support-operator";
    public static final String OPERATOR_PASSWORD = "operator-" + UUID.randomUUID();

    public final int httpPort = freePort();
    public final int servicesPort = freePort();
    public final int brokerPort = freePort();
    public final int amqpPort = freePort();
    public final int mqttPort = freePort();
    public final int stompPort = freePort();
    public final int sshPort = freePort();
    public final int jmxRegistryPort = freePort();
    public final int jmxServerPort = freePort();

    private File home;

    public Option[] options() {
        String dist = System.getProperty("conflux.distribution");
        if (dist == null || !new File(dist).isFile()) {
            throw new IllegalStateException("Distribution not built: " + dist + " (run 'mvn install' from the top)");
        }
        File unpack = new File("target/exam");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl("file:" + new File(dist).getAbsolutePath())
                        .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                        .name("Conflux")
                        .unpackDirectory(unpack)
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO)));
        Map<String, Object> props = Map.ofEntries(
                Map.entry("conflux.admin.password", PASSWORD),
                Map.entry("conflux.http.port", httpPort),
                Map.entry("conflux.services.port", servicesPort),
                Map.entry("conflux.broker.port", brokerPort),
                Map.entry("conflux.broker.amqp.port", amqpPort),
                Map.entry("conflux.broker.mqtt.port", mqttPort),
                Map.entry("conflux.broker.stomp.port", stompPort),
                Map.entry("conflux.ssh.port", sshPort),
                Map.entry("conflux.jmx.registry.port", jmxRegistryPort),
                Map.entry("conflux.jmx.server.port", jmxServerPort));
        props.forEach((k, v) -> options.add(editConfigurationFilePut("etc/system.properties", k, String.valueOf(v))));
        return options.toArray(new Option[0]);
    }

    /** Adds a viewer and an operator to the realm, as an administrator would in etc/users.properties. */
    public Option[] withSupportUsers() {
        List<Option> options = new ArrayList<>(List.of(options()));
        options.add(editConfigurationFilePut("etc/users.properties", VIEWER, VIEWER_PASSWORD + ",_g_:viewers"));
        options.add(editConfigurationFilePut("etc/users.properties", OPERATOR, OPERATOR_PASSWORD + ",_g_:operators"));
        return options.toArray(new Option[0]);
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + httpPort + "/hawtio";
    }

    public String servicesUrl() {
        return "http://127.0.0.1:" + servicesPort;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** The unpacked distribution Pax Exam started (the newest under target/exam). */
    public File home() {
        if (home == null) {
            File[] dirs = new File("target/exam").listFiles(File::isDirectory);
            File newest = null;
            for (File d : dirs == null ? new File[0] : dirs) {
                if (newest == null || d.lastModified() > newest.lastModified()) {
                    newest = d;
                }
            }
            if (newest == null) {
                throw new IllegalStateException("no unpacked distribution under target/exam");
            }
            File[] inner = newest.listFiles(f -> new File(f, "etc").isDirectory());
            home = (inner != null && inner.length == 1 ? inner[0] : newest).getAbsoluteFile();
        }
        return home;
    }

    /** Keeps the container's log next to the test reports (Pax Exam deletes the unpacked container afterwards). */
    public void keepLog(Class<?> test) {
        try {
            java.nio.file.Path log = home().toPath().resolve("data/log/karaf.log");
            java.nio.file.Path target = java.nio.file.Path.of("target", "failsafe-reports", test.getSimpleName() + "-karaf.log");
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.copy(log, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not keep the container log: " + e);
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range, for servers a test stops and restarts: a client
     * connecting to a closed port inside that range can be connected to itself by the kernel ("self-connect"),
     * and then sees its own bytes instead of "connection refused".
     */
    static int freeStablePort() {
        int low = 32768;
        try {
            try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(
                    "/proc/sys/net/ipv4/ip_local_port_range"))) {
                int read = Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
                low = read > 11_000 ? read : low;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the usual lower bound
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(10_000, Math.max(10_001, low));
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below " + low);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
