package dev.conflux.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.junit.rules.ExternalResource;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.DefaultExamSystem;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

/**
 * The assembled distribution as Pax Exam boots it: a fresh unpack on free loopback ports, with an admin
 * password chosen by the test (as a user would with CONFLUX_ADMIN_PASSWORD).
 *
 * <p>Every integration test class boots it the same way, as a class rule:
 * <pre>
 * &#64;ClassRule
 * public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted();
 * </pre>
 * The rule starts the container, waits until it is ready (every bundle active, service plane healthy), and after
 * the class closes what the test registered with {@link #closeAfter}, keeps the container's log next to the test
 * reports and stops the container.
 */
public final class ConfluxDistribution extends ExternalResource {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "itest-" + UUID.randomUUID();
    /** Support users of the console roles (etc/users.properties groups viewers and operators). */
    public static final String VIEWER = "support-viewer";
    public static final String VIEWER_PASSWORD = "viewer-" + UUID.randomUUID();
    /** A monitoring system's account (group monitors, role monitor): reads /metrics and health details, nothing else. */
    public static final String MONITOR = "prometheus";
    public static final String MONITOR_PASSWORD = "monitor-" + UUID.randomUUID();
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
    private boolean supportUsers;
    private final List<Option> extraOptions = new ArrayList<>();
    private final Deque<AutoCloseable> toClose = new ConcurrentLinkedDeque<>();
    private Class<?> testClass;
    private TestContainer container;
    private SSLContext servicesTls;

    /** The distribution as a class rule that boots it (see the class comment). */
    public static ConfluxDistribution booted() {
        return new ConfluxDistribution();
    }

    /** Also adds the console's support users {@link #VIEWER} and {@link #OPERATOR}, and {@link #MONITOR}, to the realm. */
    public ConfluxDistribution andSupportUsers() {
        supportUsers = true;
        return this;
    }

    /** The service consumer {@link #andServiceConsumer()} adds. */
    public static final String CONSUMER = "service-consumer";
    public static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();

    /** Also adds {@link #CONSUMER}, an account of group consumers: what a partner calling the endpoints has. */
    public ConfluxDistribution andServiceConsumer() {
        return and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"));
    }

    /** Further Pax Exam options (e.g. a system property the test needs). */
    public ConfluxDistribution and(Option... options) {
        extraOptions.addAll(List.of(options));
        return this;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        testClass = description.getTestClass();
        return super.apply(base, description);
    }

    @Override
    protected void before() throws Exception {
        List<Option> options = new ArrayList<>(List.of(supportUsers ? withSupportUsers() : options()));
        options.addAll(extraOptions);
        container = PaxExamRuntime.createContainer(DefaultExamSystem.create(options.toArray(new Option[0])));
        container.start();
        long start = System.nanoTime();
        admin().awaitReady();
        System.out.printf("Conflux ready %.1f s after the container started%n", (System.nanoTime() - start) / 1e9);
    }

    @Override
    protected void after() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("could not close a test client: " + e);
            }
        }
        if (testClass != null) {
            keepLog(testClass);
        }
        if (container != null) {
            container.stop();
        }
    }

    /** Closes a client the test opened (a shell, a JMS connection...) when the class is done, before the container stops. */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        toClose.push(resource);
        return resource;
    }

    /** Jolokia as the admin. */
    public Jolokia admin() {
        return new Jolokia(this);
    }

    /** Jolokia as one user. */
    public Jolokia jolokia(String user, String password) {
        return new Jolokia(this, user, password);
    }

    /** The SSH shell as the admin, closed after the class. */
    public Shell shell() {
        return closeAfter(new Shell(sshPort));
    }

    /** The SSH shell as one user, closed after the class. */
    public Shell shell(String user, String password) {
        return closeAfter(new Shell(sshPort, user, password));
    }

    /** A JMS client of the embedded broker as the admin, closed after the class. */
    public Jms jms() throws Exception {
        return closeAfter(new Jms(this));
    }

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
        options.add(editConfigurationFilePut("etc/users.properties", MONITOR, MONITOR_PASSWORD + ",_g_:monitors"));
        return options.toArray(new Option[0]);
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + httpPort + "/hawtio";
    }

    /** The console's origin, which Jolokia's policy requires of every request (etc/jolokia-access.xml). */
    public String consoleOrigin() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String servicesUrl() {
        return (servicesTls == null ? "http" : "https") + "://127.0.0.1:" + servicesPort;
    }

    /** The service plane serves HTTPS (the test configured it so); this context trusts its certificate. */
    public ConfluxDistribution andServicesTls(SSLContext trusting) {
        servicesTls = trusting;
        return this;
    }

    /** A client of the service plane: plain HTTP, or HTTPS after {@link #andServicesTls}. */
    public Http servicesHttp() {
        return new Http(servicesTls);
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
            Path log = home().toPath().resolve("data/log/karaf.log");
            Path target = Path.of("target", "failsafe-reports", test.getSimpleName() + "-karaf.log");
            Files.createDirectories(target.getParent());
            Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
            Path security = home().toPath().resolve("data/log/security.log");
            if (Files.exists(security)) {
                Files.copy(security, target.resolveSibling(test.getSimpleName() + "-security.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not keep the container log: " + e);
        }
    }

    /** Ports handed out in this JVM: two servers of one test must never be given the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free loopback port below the kernel's ephemeral range. A port the kernel chose for {@code bind(0)} is free
     * only until the next {@code bind(0)}: the container itself binds random ports while it boots (Karaf's shutdown
     * socket, RMI), and one of them taking a port the test had picked for an acceptor made that acceptor fail and
     * its clients talk to Karaf's shutdown socket instead. Ports below the ephemeral range are never chosen by the
     * kernel, and a client connecting to a closed one cannot be connected to itself ("self-connect"). The range
     * Pax Exam takes its RMI registry port from (21000-21099) is left out.
     */
    static int freePort() {
        int low = 32768;
        try {
            try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                int read = Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
                low = read > 11_000 ? read : low;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the usual lower bound
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(10_000, Math.max(10_001, low));
            if ((port >= 21_000 && port < 21_100) || HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(port)) {
                    return s.getLocalPort();
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below " + low);
    }
}
