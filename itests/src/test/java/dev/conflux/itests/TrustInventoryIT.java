package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * The trust inventory as the security architect reads it: {@code conflux:trust} over SSH and
 * {@code conflux:type=trust} over Jolokia, both as a viewer, against the distribution booted on the free ports this
 * test chose. The management plane also serves HTTPS here, with a keystore made by this test (a certificate valid
 * for 20 days, so flagged), and a connector is configured with a clear-text password, so the inventory must show
 * both as a user would check them.
 */
public class TrustInventoryIT {

    static final String STORE_PASSWORD = "store-" + UUID.randomUUID();
    static final String CLEAR_SECRET = "clear-" + UUID.randomUUID();
    static final String SUBJECT = "CN=trust-it.conflux.test,O=Conflux";
    static final int HTTPS_PORT = ConfluxDistribution.freePort();
    static final Path KEYSTORE = makeKeystore();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers().and(https());

    static Jolokia viewer;
    static Shell viewerShell;

    /** The management plane's HTTPS connector beside its HTTP one, as an admin sets it in org.ops4j.pax.web.cfg. */
    static Option[] https() {
        String cfg = "etc/org.ops4j.pax.web.cfg";
        return new Option[] {
            editConfigurationFilePut(cfg, "org.osgi.service.http.secure.enabled", "true"),
            editConfigurationFilePut(cfg, "org.osgi.service.http.port.secure", String.valueOf(HTTPS_PORT)),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore", KEYSTORE.toString()),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.password", STORE_PASSWORD),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.password", STORE_PASSWORD)};
    }

    static Path makeKeystore() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "trust-it").toAbsolutePath());
            Path keystore = dir.resolve("management-" + UUID.randomUUID() + ".p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "console", "-keyalg", "RSA", "-keysize", "2048", "-dname", SUBJECT,
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "20", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            return keystore;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeClass
    public static void clearTextConnectorSecret() throws Exception {
        viewer = CONFLUX.jolokia(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        viewerShell = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        // An operator pastes a password into a connector's file without conflux:secret-encrypt.
        Path etc = CONFLUX.home().toPath().resolve("etc");
        Path tmp = etc.resolve(".trust-clear.tmp");
        Files.writeString(tmp, "host = 127.0.0.1\nusername = partner\npassword = " + CLEAR_SECRET + "\n");
        Files.move(tmp, etc.resolve("conflux.connector.sftp-trust-clear.cfg"), StandardCopyOption.ATOMIC_MOVE);
        Await.until("the connector's secret in the inventory", Duration.ofSeconds(60),
                () -> secrets().containsKey("trust-clear/password"));
    }

    static Map<String, JsonNode> secrets() throws Exception {
        Map<String, JsonNode> byKey = new TreeMap<>();
        viewer.read("conflux:type=trust", "Secrets")
                .forEach(s -> byKey.put(s.get("connector").asText() + "/" + s.get("key").asText(), s));
        return byKey;
    }

    /** The listeners the distribution was started with: name, port, TLS. */
    static Map<String, String> expectedListeners() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("management (console, Jolokia)", CONFLUX.httpPort + " no TLS");
        expected.put("management (console, Jolokia) HTTPS", HTTPS_PORT + " TLS");
        expected.put("service plane (SOAP, REST)", CONFLUX.servicesPort + " no TLS");
        expected.put("broker acceptor core", CONFLUX.brokerPort + " no TLS");
        expected.put("broker acceptor amqp", CONFLUX.amqpPort + " no TLS");
        expected.put("broker acceptor mqtt", CONFLUX.mqttPort + " no TLS");
        expected.put("broker acceptor stomp", CONFLUX.stompPort + " no TLS");
        expected.put("SSH shell", CONFLUX.sshPort + " no TLS");
        return expected;
    }

    /**
     * The JMX ports: Pax Exam's Karaf container puts its own free ports into org.apache.karaf.management.cfg (in
     * place of conflux.jmx.*), so they are not the test's; they must be the ones a JMX client really logs in on.
     */
    static void assertJmxAnswersOn(int registryPort, int serverPort) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + serverPort
                + "/jndi/rmi://127.0.0.1:" + registryPort + "/karaf-root");
        Map<String, Object> credentials = Map.of(JMXConnector.CREDENTIALS,
                new String[] {ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD});
        // Karaf exports the JMX connector a little after the rest of the container (and again when its
        // configuration is applied): wait for it, with a deadline.
        boolean registered = Await.until("a JMX login on " + registryPort + "/" + serverPort, Duration.ofSeconds(60), () -> {
            try (JMXConnector jmx = JMXConnectorFactory.connect(url, credentials)) {
                return jmx.getMBeanServerConnection().isRegistered(new ObjectName("conflux:type=trust"));
            } catch (IOException notYet) {
                return null;
            }
        });
        assertTrue(registered);
    }

    /** Something accepts connections on every listed port. */
    static void assertListening(String name, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        } catch (IOException e) {
            throw new AssertionError(name + ": nothing listens on " + port + ": " + e.getMessage());
        }
    }

    @Test
    public void theMBeanListsTheRealListenersTheirTlsAndTheTestsCertificateWithItsExpiry() throws Exception {
        Map<String, String> listeners = new TreeMap<>();
        for (JsonNode l : viewer.read("conflux:type=trust", "Listeners")) {
            String name = l.get("name").asText();
            listeners.put(name, l.get("port").asInt() + (l.get("tls").asBoolean() ? " TLS" : " no TLS"));
            assertEquals(name, "127.0.0.1", l.get("address").asText());
            assertFalse(name, l.get("authentication").asText().isBlank());
            assertListening(name, l.get("port").asInt());
        }
        String registry = listeners.remove("JMX RMI registry");
        String server = listeners.remove("JMX RMI server");
        assertEquals(expectedListeners(), listeners);
        assertTrue(registry + ", " + server, registry.endsWith(" no TLS") && server.endsWith(" no TLS"));
        assertJmxAnswersOn(Integer.parseInt(registry.split(" ")[0]), Integer.parseInt(server.split(" ")[0]));

        // The HTTPS listener really is TLS, with the certificate the inventory shows.
        X509Certificate served = handshake(HTTPS_PORT);
        assertEquals(SUBJECT, served.getSubjectX500Principal().getName());

        JsonNode certificates = viewer.read("conflux:type=trust", "Certificates");
        assertEquals(certificates.toString(), 1, certificates.size());
        JsonNode c = certificates.get(0);
        assertEquals(SUBJECT, c.get("subject").asText());
        assertEquals("self-signed", SUBJECT, c.get("issuer").asText());
        assertEquals(KEYSTORE.toString(), c.get("store").asText());
        assertEquals(served.getNotAfter().toInstant(), Instant.parse(c.get("notAfter").asText()));
        long daysLeft = c.get("daysLeft").asLong();
        assertTrue("valid 20 days: " + daysLeft, daysLeft == 19 || daysLeft == 20);
        assertTrue("flagged: fewer than 30 days left", c.get("expiresSoon").asBoolean());
        assertEquals("management (console, Jolokia) HTTPS", c.get("usedBy").asText());

        // The service plane's policies: the dev environment opens the sample flow's endpoints explicitly.
        JsonNode endpoints = viewer.read("conflux:type=trust", "Endpoints");
        boolean sampleOpen = false;
        for (JsonNode e : endpoints) {
            sampleOpen |= e.get("endpoint").asText().contains("/api/orders") && e.get("policy").asText().equals("none")
                    && e.get("source").asText().contains("conflux.endpoint-sample-orders.cfg");
        }
        assertTrue("the sample's open endpoint, with the file that opens it: " + endpoints, sampleOpen);

        JsonNode secret = secrets().get("trust-clear/password");
        assertFalse("the pasted password is flagged as clear text", secret.get("encrypted").asBoolean());
        assertEquals("sftp", secret.get("type").asText());

        StringBuilder everything = new StringBuilder();
        for (String attribute : List.of("Listeners", "Endpoints", "Certificates", "ApiKeys", "Secrets", "Lockouts",
                "Notes")) {
            everything.append(viewer.read("conflux:type=trust", attribute));
        }
        assertFalse("no keystore password in the inventory", everything.toString().contains(STORE_PASSWORD));
        assertFalse("no connector secret in the inventory", everything.toString().contains(CLEAR_SECRET));
    }

    @Test
    public void theShellCommandShowsTheSameToAViewer() throws Exception {
        String all = viewerShell.run("conflux:trust");
        Map<String, List<String>> rows = rows(all);
        expectedListeners().forEach((name, portAndTls) -> {
            List<String> row = rows.get(name);
            assertTrue(name + " listed:\n" + all, row != null);
            assertEquals(name, portAndTls.split(" ")[0], row.get(3));
            boolean tls = !portAndTls.endsWith("no TLS");
            assertEquals(name, tls ? "yes" : name.equals("SSH shell") ? "no (SSH)" : "no", row.get(4));
        });
        assertEquals("no", rows.get("JMX RMI registry").get(4));
        assertEquals("no", rows.get("JMX RMI server").get(4));
        List<String> certificate = rows.get(SUBJECT);
        assertTrue("certificate listed:\n" + all, certificate != null);
        assertEquals("EXPIRES SOON", certificate.get(4));
        List<String> secret = rows.get("trust-clear");
        assertTrue("connector secret listed:\n" + all, secret != null);
        assertEquals(List.of("trust-clear", "sftp", "password", "CLEAR TEXT"), secret.subList(0, 4));
        assertFalse(all.contains(STORE_PASSWORD) || all.contains(CLEAR_SECRET));

        String onlyCertificates = viewerShell.run("conflux:trust --certificates");
        assertTrue(onlyCertificates, onlyCertificates.contains(SUBJECT));
        assertFalse("only the section asked for", onlyCertificates.contains("Listeners")
                || onlyCertificates.contains("trust-clear"));
    }

    /** The table rows of the command's output by their first cell, cells trimmed. */
    static Map<String, List<String>> rows(String output) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : output.split("\\R")) {
            if (line.contains("|")) {
                List<String> cells = Arrays.stream(line.split("\\|", -1)).map(String::trim).toList();
                rows.putIfAbsent(cells.get(0), cells);
            }
        }
        return rows;
    }

    /** A TLS handshake trusting only the test's keystore; returns the server's certificate. */
    static X509Certificate handshake(int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(KEYSTORE.toFile())) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return Await.until("HTTPS on " + port, Duration.ofSeconds(60), () -> {
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        });
    }
}
