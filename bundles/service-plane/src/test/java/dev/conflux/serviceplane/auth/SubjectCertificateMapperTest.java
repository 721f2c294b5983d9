package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Client certificates made by the JDK's keytool: a CA, a certificate it issued, and a self-signed one. */
public class SubjectCertificateMapperTest {

    static final String PASSWORD = "changeit-test";
    static Path dir;
    static X509Certificate billing;
    static X509Certificate selfSigned;
    static X509Certificate ca;

    @BeforeClass
    public static void certificates() throws Exception {
        dir = Files.createTempDirectory("mtls-test");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Test CA,O=Example", "-keyalg", "EC", "-ext", "bc:c");
        keytool("-genkeypair", "-alias", "client", "-dname", "CN=billing,OU=Apps,O=Example", "-keyalg", "EC",
                "-signer", "ca");
        keytool("-genkeypair", "-alias", "self", "-dname", "CN=billing,OU=Apps,O=Example", "-keyalg", "EC");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("certs.p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        billing = (X509Certificate) store.getCertificate("client");
        selfSigned = (X509Certificate) store.getCertificate("self");
        ca = (X509Certificate) store.getCertificate("ca");
        assertEquals("CN=Test CA,O=Example", billing.getIssuerX500Principal().getName());
    }

    @AfterClass
    public static void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void keytool(String... args) throws Exception {
        // a quick-starting JVM for keytool: three runs
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-storepass", PASSWORD,
                "-storetype", "PKCS12", "-keystore", "certs.p12", "-validity", "2"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(out, 0, p.waitFor());
    }

    private static void refused(ClientCertificateMapper mapper, X509Certificate[] chain, int status, String reason) {
        try {
            fail("accepted " + mapper.map(chain));
        } catch (AuthenticationFailure e) {
            assertEquals(status, e.status());
            assertEquals(reason, e.getMessage());
        }
    }

    @Test
    public void byDefaultTheConsumerIsTheSubjectsCommonName() throws Exception {
        Consumer consumer = Authenticators.mtls(Map.of()).map(new X509Certificate[] {billing});
        assertEquals("billing", consumer.name());
        assertEquals("mtls", consumer.scheme());
    }

    @Test
    public void noCertificateIsUnauthorized() {
        ClientCertificateMapper mapper = Authenticators.mtls(Map.of());
        refused(mapper, null, 401, "client certificate required");
        refused(mapper, new X509Certificate[0], 401, "client certificate required");
    }

    @Test
    public void explicitMappingsLetInOnlyTheSubjectsTheyName() throws Exception {
        // spacing and case of the DN do not matter
        ClientCertificateMapper mapper = Authenticators.mtls(Map.of("mtls.consumer.billing-app",
                "cn=billing, ou=Apps, o=Example"));
        assertEquals("billing-app", mapper.map(new X509Certificate[] {billing}).name());
        refused(mapper, new X509Certificate[] {ca}, 403, "client certificate not allowed");
    }

    @Test
    public void anAllowedIssuerKeepsOutCertificatesOfOtherCas() throws Exception {
        ClientCertificateMapper mapper = Authenticators.mtls(Map.of("mtls.issuer", "CN=Test CA, O=Example"));
        assertEquals("billing", mapper.map(new X509Certificate[] {billing}).name());
        // same subject, issued by itself
        refused(mapper, new X509Certificate[] {selfSigned}, 403, "client certificate not allowed");
    }

    @Test
    public void aBadDistinguishedNameIsRefusedNamingTheKey() {
        for (Map<String, String> bad : List.of(Map.of("mtls.issuer", "not a dn"),
                Map.of("mtls.consumer.x", ""), Map.of("mtls.consumer.", "CN=a"),
                Map.of("mtls.consumer.a", "CN=same", "mtls.consumer.b", "cn=SAME"))) {
            try {
                Authenticators.mtls(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("mtls."));
            }
        }
    }
}
