package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The prod environment as an operator runs it: the archive unpacked, started with its own launcher
 * ({@code bin/conflux start}) and the environment variables prod requires, checked over HTTPS, JMX/Jolokia, SSH
 * and JMS. (Prod is configured through environment variables, which the Pax Exam Karaf runner does not pass on,
 * so this class drives the launcher itself.)
 */
public class EnvironmentsIT {

    static final String PASSWORD = "prod-" + UUID.randomUUID();
    static final String KEYSTORE_PASSWORD = "tls-" + UUID.randomUUID();
    static Path home;
    static Map<String, String> env = new HashMap<>();
    static int httpPort;
    static int servicesPort;
    static int brokerPort;
    static int sshPort;
    static int amqpPort;
    static int mqttPort;
    static int stompPort;
    static int jmxServerPort;
    static int jmxRegistryPort;
    static Path keystore;
    static Http http;

    @BeforeClass
    public static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("conflux.distribution.prod"));
        assertTrue("prod distribution built: " + archive, Files.isRegularFile(archive));
        Path dir = Path.of("target", "prod-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        run(dir, List.of("tar", "xzf", archive.toString()), Map.of(), 0);
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        keystore = home.resolve("etc/tls/services.p12");
        Files.createDirectories(keystore.getParent());
        run(home, List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "conflux", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD), Map.of(), 0);

        http = new Http(trusting(keystore));
        httpPort = freePort();
        servicesPort = freePort();
        brokerPort = freePort();
        sshPort = freePort();
        env.put("CONFLUX_HTTP_PORT", String.valueOf(httpPort));
        env.put("CONFLUX_SERVICES_PORT", String.valueOf(servicesPort));
        env.put("CONFLUX_BROKER_PORT", String.valueOf(brokerPort));
        amqpPort = freePort();
        mqttPort = freePort();
        stompPort = freePort();
        jmxServerPort = freePort();
        jmxRegistryPort = freePort();
        env.put("CONFLUX_AMQP_PORT", String.valueOf(amqpPort));
        env.put("CONFLUX_MQTT_PORT", String.valueOf(mqttPort));
        env.put("CONFLUX_STOMP_PORT", String.valueOf(stompPort));
        env.put("CONFLUX_SSH_PORT", String.valueOf(sshPort));
        env.put("CONFLUX_JMX_REGISTRY_PORT", String.valueOf(jmxRegistryPort));
        env.put("CONFLUX_JMX_SERVER_PORT", String.valueOf(jmxServerPort));
        env.put("CONFLUX_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (home != null) {
            run(home, List.of("bin/conflux", "stop"), env, -1);
            Await.until("Conflux stopped", Duration.ofMinutes(2), () -> !portOpen(httpPort));
        }
    }

    @Test
    public void prodRefusesToStartWithoutCredentialsThenRunsHardenedWithThem() throws Exception {
        // 1. The launcher refuses at once.
        Processes.Result refused = run(home, List.of("bin/conflux", "start"), env, 2);
        assertTrue(refused.output(), refused.output().contains("Conflux refuses to start: the prod environment requires"
                + " the admin password to be provided"));
        assertTrue(refused.output(), refused.output().contains("CONFLUX_ADMIN_PASSWORD"));

        // 2. Started behind the launcher's back (bin/karaf), the container refuses too and exits by itself.
        ProcessBuilder direct = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("direct-start.log").toFile());
        direct.environment().putAll(env);
        direct.environment().remove("CONFLUX_ADMIN_PASSWORD");
        Process karaf = direct.start();
        assertTrue("the container stops itself without credentials", karaf.waitFor(3, TimeUnit.MINUTES));
        String log = Files.readString(home.resolve("data/log/karaf.log"));
        assertTrue(log, log.contains("Conflux refuses to start: this environment requires the admin password"));
        assertFalse("no admin was created", Files.readString(home.resolve("etc/users.properties")).lines()
                .anyMatch(l -> l.startsWith("admin")));

        // 3. With the credentials it starts.
        Map<String, String> withCredentials = new HashMap<>(env);
        withCredentials.put("CONFLUX_ADMIN_PASSWORD", PASSWORD);
        withCredentials.put("EXTRA_JAVA_OPTS", "-Xmx1200m"); // an operator's own JVM option
        Processes.Result started = run(home, List.of("bin/conflux", "start"), withCredentials, 0);
        assertTrue(started.output(), started.output().contains("environment prod"));
        assertTrue(started.output(), started.output().contains("console     https://127.0.0.1:" + httpPort + "/hawtio"));
        Await.until("Jolokia answering", Duration.ofMinutes(3), () -> jolokia("read/java.lang:type=Runtime/Uptime").statusCode() == 200);

        // The launcher handed the admin password over in a file the container deleted: it is in neither the Java
        // process's environment nor its command line.
        String pid = Files.readString(home.resolve("karaf.pid")).strip();
        String environ = Files.readString(Path.of("/proc", pid, "environ"), StandardCharsets.ISO_8859_1);
        assertTrue("the Karaf JVM's environment", environ.contains("CONFLUX_HTTP_PORT=" + httpPort));
        assertFalse("CONFLUX_ADMIN_PASSWORD in the JVM's environment", environ.contains("CONFLUX_ADMIN_PASSWORD"));
        assertFalse(environ.contains(PASSWORD));
        assertFalse("the password on the command line",
                Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.ISO_8859_1).contains(PASSWORD));
        assertFalse("the hand-over file was deleted", Files.exists(home.resolve("data/security/admin.password")));

        // The JVM runs with the distribution's settings (etc/jvm.options), then the operator's, which win.
        List<String> cmdline = List.of(Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.ISO_8859_1)
                .split("\0"));
        List<String> shipped = Files.readAllLines(home.resolve("etc/jvm.options")).stream()
                .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        assertTrue("etc/jvm.options has settings", shipped.contains("-Xmx1g"));
        assertTrue(cmdline + " lacks " + shipped, cmdline.containsAll(shipped));
        assertTrue("the operator's -Xmx comes last", cmdline.lastIndexOf("-Xmx1200m") > cmdline.lastIndexOf("-Xmx1g"));
        assertTrue("malloc arenas limited", environ.contains("MALLOC_ARENA_MAX=2"));

        // The environment and its feature set, as the definition says.
        JsonNode environment = json(jolokia("read/conflux:type=environment")).get("value");
        assertEquals("prod", environment.get("Name").asText());
        assertNotEquals("unknown", environment.get("Revision").asText());
        List<String> defined = bootFeatures(Path.of(System.getProperty("conflux.environments"), "prod", "pom.xml"));
        List<String> reported = new ArrayList<>();
        environment.get("Features").forEach(f -> reported.add(f.asText()));
        assertEquals(defined, reported);
        Set<String> installed = Await.until("the conflux feature installed", Duration.ofMinutes(2), () -> {
            Set<String> names = installedFeatures();
            return names.contains("conflux") ? names : null;
        });
        assertTrue("installed " + installed + " lacks some of " + defined, installed.containsAll(defined));
        assertFalse("no sample flows in prod", installed.contains("conflux-sample-orders"));
        assertFalse("no SSH in prod", installed.contains("ssh"));
        assertFalse("nothing listens for SSH", portOpen(sshPort));

        // The service plane speaks HTTPS only.
        HttpClient tls = HttpClient.newBuilder().sslContext(trusting(home.resolve("etc/tls/services.p12")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        // (CXF's endpoint list at /services/ is not served: serviceListEnabled is off.)
        HttpResponse<String> health = Await.until("HTTPS service plane", Duration.ofMinutes(2), () -> tls.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + servicesPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, health.statusCode());
        assertEquals("UP", health.body());
        assertThrows("plain HTTP is refused", IOException.class, () -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicesPort + "/services/"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));

        // An endpoint opened with policy = none is refused in prod (its path is not in anonymousPaths): it asks for
        // credentials, and the log names the file and the key.
        Files.writeString(home.resolve("etc/conflux.endpoint-itest-open.cfg"), "path = /api/itest-open\npolicy = none\n");
        String refusal = "etc/conflux.endpoint-itest-open.cfg: key 'policy': 'none' is refused in this environment";
        Await.until("the refused policy in the log", Duration.ofMinutes(1),
                () -> Files.readString(home.resolve("data/log/karaf.log")).contains(refusal));
        HttpResponse<String> anonymous = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + servicesPort
                + "/api/itest-open")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        // Jolokia is restricted: no JVM diagnostics, no attribute writes; ordinary reads work.
        assertEquals(403, json(jolokia("exec/com.sun.management:type=DiagnosticCommand/vmSystemProperties()"))
                .get("status").asInt());
        assertEquals(403, json(jolokia("write/java.lang:type=Memory/Verbose/true")).get("status").asInt());
        assertEquals(200, json(jolokia("read/java.lang:type=Memory/Verbose")).get("status").asInt());

        // A flow promoted unchanged runs with prod's own settings (assembly/prod/etc/conflux.flow-order-audit.cfg).
        Path flow = Path.of(System.getProperty("conflux.examples"), "flows", "order-audit.yaml");
        Files.copy(flow, home.resolve("flows/order-audit.yaml"));
        // The broker may open its port a little after the console answers.
        // The broker speaks TLS only: the client trusts the keystore's certificate.
        try (Jms jms = Await.until("the broker accepting TLS connections", Duration.ofMinutes(1),
                () -> new Jms(brokerTlsUrl(), PASSWORD))) {
            Await.until("flow order-audit STARTED", Duration.ofMinutes(1), () -> json(jolokia(
                    "exec/conflux:type=flows/info/order-audit")).path("value").path("state").asText().equals("STARTED"));
            jms.send("orders", "order 42");
            assertEquals("PRODUCTION audited: order 42", jms.receive("orders.audit", 30_000));
        }

        tlsEverywhere();
        auditTamperingIsFoundAlsoAfterARestart();
    }

    /** Every listener of prod speaks TLS 1.2+ only; the console answers over HTTPS and not over HTTP. */
    void tlsEverywhere() throws Exception {
        // The probe itself finds a server that still speaks TLS 1.1 (so "refused" below means refused).
        int controlPort = freePort();
        Process control = TlsProbe.tls11Server(home, controlPort);
        try {
            Await.until("the probe completing a TLS 1.1 handshake with a server that allows it", Duration.ofSeconds(30),
                    () -> TlsProbe.handshake(controlPort, "tls1_1").established());
        } finally {
            control.destroy();
        }
        Map<String, Integer> ports = Map.of("console/Jolokia", httpPort, "services", servicesPort,
                "broker core", brokerPort, "AMQP", amqpPort, "MQTT", mqttPort, "STOMP", stompPort,
                "JMX connector", jmxServerPort);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            TlsProbe.Handshake old = TlsProbe.handshake(port.getValue(), "tls1_1");
            assertFalse(port.getKey() + " refuses TLS 1.1:\n" + old.output(), old.established());
            TlsProbe.Handshake tls12 = TlsProbe.handshake(port.getValue(), "tls1_2");
            assertTrue(port.getKey() + " speaks TLS 1.2:\n" + tls12.output(), tls12.established());
            assertTrue(tls12.output(), tls12.output().contains("Protocol  : TLSv1.2"));
        }
        // JMX: the RMI connector answers no plaintext client; Java's JMX client trusting the certificate logs in.
        assertFalse("plaintext JMX (JRMP) is not answered", TlsProbe.answersPlainJrmp(jmxServerPort));
        assertEquals("prod", Await.until("JMX over TLS", Duration.ofMinutes(1), () -> TlsProbe.jmxRead(jmxRegistryPort,
                jmxServerPort, ConfluxDistribution.ADMIN, PASSWORD, trusting(keystore), "conflux:type=environment", "Name")));
        jmxOverTlsSurvivesAReconfiguration();
        // Plain HTTP to the console and Jolokia: no answer at all.
        for (String path : List.of("/hawtio/", "/hawtio/jolokia/version")) {
            assertThrows("plain HTTP to " + path + " is refused", IOException.class, () -> new Http().get(
                    "http://127.0.0.1:" + httpPort + path, "Authorization", Http.basic(ConfluxDistribution.ADMIN, PASSWORD)));
        }
        // The console's login over HTTPS: its session cookie is Secure.
        Http browser = new Http(trusting(keystore));
        HttpResponse<String> login = browser.post("https://127.0.0.1:" + httpPort + "/hawtio/auth/login",
                "application/json", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().toLowerCase(Locale.ROOT);
        assertTrue(cookie, cookie.contains("; secure") && cookie.contains("; httponly"));
        // The keystore password is not shown over Jolokia: masked in the acceptor's own MBean, the broker's
        // acceptor list not readable at all.
        String acceptor = jolokia("read/org.apache.activemq.artemis:broker=%22conflux%22,component=acceptors,"
                + "name=%22core%22/Parameters").body();
        assertTrue(acceptor, acceptor.contains("\"sslEnabled\":\"true\""));
        assertFalse(acceptor, acceptor.contains(KEYSTORE_PASSWORD));
        String broker = jolokia("read/org.apache.activemq.artemis:broker=%22conflux%22?ignoreErrors=true").body();
        assertTrue(broker, broker.contains("\"Version\""));
        assertFalse(broker, broker.contains(KEYSTORE_PASSWORD));
        assertEquals(403, json(jolokia("read/org.apache.activemq.artemis:broker=%22conflux%22/AcceptorsAsJSON"))
                .get("status").asInt());
    }

    /**
     * An operator's edit of etc/org.apache.karaf.management.cfg makes Karaf stop and start its JMX connector (as does
     * a restart of the management bundle); JMX over TLS answers again afterwards. (Karaf's keystore tracker used to
     * orphan the first connector, whose port then kept the new one from starting: NameNotFoundException for good.)
     */
    void jmxOverTlsSurvivesAReconfiguration() throws Exception {
        String restarted = "java.rmi.server.hostname system property is already set"; // Karaf logs it at every restart
        long before = countInLog(restarted);
        Files.writeString(home.resolve("etc/org.apache.karaf.management.cfg"), "\n# touched by EnvironmentsIT\n"
                + "conflux.itest.touched = true\n", StandardOpenOption.APPEND);
        Await.until("Karaf restarting its JMX connector", Duration.ofMinutes(1), () -> countInLog(restarted) > before);
        assertEquals("prod", Await.until("JMX over TLS after the reconfiguration", Duration.ofMinutes(1),
                () -> TlsProbe.jmxRead(jmxRegistryPort, jmxServerPort, ConfluxDistribution.ADMIN, PASSWORD,
                        trusting(keystore), "conflux:type=environment", "Name")));
        assertEquals("Karaf's connector was never initialised twice", 0,
                countInLog("Can't re-init JMXConnectorServer"));
    }

    static long countInLog(String text) throws IOException {
        try (var lines = Files.lines(home.resolve("data/log/karaf.log"), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** Rewriting audit lines with every following hash recomputed, or cutting the file, is found, also after a restart. */
    void auditTamperingIsFoundAlsoAfterARestart() throws Exception {
        for (int i = 0; i < 3; i++) {
            jolokia("exec/conflux:type=queues/pause/no.such.queue." + i);
        }
        assertTrue(auditVerify(), auditVerify().startsWith("OK: "));
        Path file = home.resolve("data/audit/conflux-audit.jsonl");
        List<String> original = Files.readAllLines(file);
        assertTrue("audited: " + original, original.size() >= 3);

        // Cut off the last line and restart the audit bundle: the checkpoint still knows.
        Files.write(file, original.subList(0, original.size() - 1));
        restartAuditBundle();
        String cut = auditVerify();
        assertTrue(cut, cut.startsWith("BROKEN at the end: " + (original.size() - 1) + " entries, but "
                + original.size() + " were checkpointed"));
        Files.write(file, original);
        restartAuditBundle();
        assertTrue(auditVerify(), auditVerify().startsWith("OK: " + original.size() + " entries"));

        // Rewrite the first line and relink every following line as an unkeyed SHA-256 chain would.
        List<String> forged = new ArrayList<>();
        String prev = "";
        for (String line : original) {
            ObjectNode f = (ObjectNode) Http.JSON.readTree(line);
            if (forged.isEmpty()) {
                f.put("detail", "nothing happened");
            }
            f.put("prev", prev);
            f.remove("mac");
            String text = Http.JSON.writeValueAsString(f);
            forged.add(text);
            prev = sha256(text);
        }
        Files.write(file, forged);
        assertTrue(auditVerify(), auditVerify().startsWith("BROKEN at line 1 (entry 1)"));
        restartAuditBundle();
        assertTrue(auditVerify(), auditVerify().startsWith("BROKEN at line 1 (entry 1)"));
    }

    static String auditVerify() throws Exception {
        return json(jolokia("exec/conflux:type=audit/verify")).path("value").asText();
    }

    static void restartAuditBundle() throws Exception {
        assertEquals(200, json(jolokia("exec/org.apache.karaf:type=bundle,name=root/restart(java.lang.String)/"
                + "dev.conflux.audit")).path("status").asInt());
        Await.until("the audit trail back", Duration.ofMinutes(1), () -> !auditVerify().isEmpty());
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String brokerTlsUrl() {
        return "tcp://127.0.0.1:" + brokerPort + "?sslEnabled=true;trustStorePath=" + keystore
                + ";trustStoreType=PKCS12;trustStorePassword=" + KEYSTORE_PASSWORD;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static Processes.Result run(Path dir, List<String> command, Map<String, String> environment, int expectedExit)
            throws Exception {
        Processes.Result r = Processes.run(dir, command, environment, Duration.ofMinutes(2));
        if (expectedExit >= 0) {
            assertEquals(command + " said: " + r.output(), expectedExit, r.exit());
        }
        return r;
    }

    static HttpResponse<String> jolokia(String path) throws Exception {
        return http.get("https://127.0.0.1:" + httpPort + "/hawtio/jolokia/" + path,
                "Authorization", Http.basic(ConfluxDistribution.ADMIN, PASSWORD), "Origin", "https://127.0.0.1:" + httpPort);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Http.json(response);
    }

    static Set<String> installedFeatures() throws Exception {
        JsonNode features = json(jolokia("read/org.apache.karaf:type=feature,name=root/Features")).get("value");
        Set<String> names = new HashSet<>();
        features.fields().forEachRemaining(byName -> byName.getValue().fields().forEachRemaining(byVersion -> {
            if (byVersion.getValue().path("Installed").asBoolean()) {
                names.add(byName.getKey());
            }
        }));
        return names;
    }

    static List<String> bootFeatures(Path pom) throws IOException {
        String xml = Files.readString(pom);
        String boot = xml.substring(xml.indexOf("<bootFeatures>"), xml.indexOf("</bootFeatures>"));
        List<String> features = new ArrayList<>();
        Matcher m = Pattern.compile("<feature>([^<]+)</feature>").matcher(boot);
        while (m.find()) {
            features.add(m.group(1).strip());
        }
        return features;
    }

    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        return ConfluxDistribution.freePort();
    }

}
