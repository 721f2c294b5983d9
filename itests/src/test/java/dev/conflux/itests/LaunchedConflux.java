package dev.conflux.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One environment's distribution as an operator runs it: the archive unpacked, users added to etc/users.properties,
 * started with {@code bin/conflux start} on free loopback ports and stopped with {@code bin/conflux stop}.
 */
final class LaunchedConflux implements AutoCloseable {

    static final String ADMIN = ConfluxDistribution.ADMIN;
    final String password = "launched-" + UUID.randomUUID();
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final int httpPort = ConfluxDistribution.freePort();
    final int brokerPort = ConfluxDistribution.freePort();
    final int sshPort = ConfluxDistribution.freePort();
    private boolean started;

    /** Unpacks the archive named by the system property (conflux.distribution.test, …). */
    LaunchedConflux(String distributionProperty) throws Exception {
        Path archive = Path.of(System.getProperty(distributionProperty));
        Path dir = Files.createDirectories(Path.of("target", "launched-" + UUID.randomUUID()).toAbsolutePath());
        EnvironmentsIT.run(dir, List.of("tar", "xzf", archive.toString()), Map.of(), 0);
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        env.put("CONFLUX_ADMIN_PASSWORD", password);
        env.put("CONFLUX_HTTP_PORT", String.valueOf(httpPort));
        env.put("CONFLUX_BROKER_PORT", String.valueOf(brokerPort));
        env.put("CONFLUX_SSH_PORT", String.valueOf(sshPort));
        for (String plane : List.of("SERVICES", "AMQP", "MQTT", "STOMP", "JMX_REGISTRY", "JMX_SERVER")) {
            env.put("CONFLUX_" + plane + "_PORT", String.valueOf(ConfluxDistribution.freePort()));
        }
    }

    /** Adds a user of a group, as an administrator does before the start. */
    LaunchedConflux user(String name, String password, String group) throws Exception {
        Files.writeString(home.resolve("etc/users.properties"), "\n" + name + " = " + password + ",_g_:" + group + "\n",
                StandardOpenOption.APPEND);
        return this;
    }

    /** Starts it and waits until its console answers the admin and the integrations service is there. */
    LaunchedConflux start() throws Exception {
        EnvironmentsIT.run(home, List.of("bin/conflux", "start"), env, 0);
        started = true;
        Jolokia admin = jolokia(ADMIN, password);
        Await.until("the launched instance's console", Duration.ofMinutes(3),
                () -> admin.get("read/java.lang:type=Runtime/Pid").statusCode() == 200 ? true : null);
        return this;
    }

    Jolokia jolokia(String user, String userPassword) {
        return new Jolokia(httpPort, user, userPassword);
    }

    /** The SSH shell as the admin (close it). */
    Shell shell() {
        return new Shell(sshPort, ADMIN, password);
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() throws Exception {
        if (started) {
            EnvironmentsIT.run(home, List.of("bin/conflux", "stop"), env, -1);
            Await.until("the launched instance stopped", Duration.ofMinutes(2), () -> {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", httpPort)) {
                    return null; // still listening
                } catch (java.io.IOException refused) {
                    return true;
                }
            });
        }
        Path log = home.resolve("data/log/karaf.log");
        if (Files.exists(log)) {
            Files.copy(log, Path.of("target", "failsafe-reports", "launched-" + home.getParent().getFileName() + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
