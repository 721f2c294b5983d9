package dev.conflux.environment.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JmxKeystoreTest {

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    static Path keystore;

    @BeforeClass
    public static void makeKeystore() throws Exception {
        keystore = tmp.getRoot().toPath().resolve("services.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "conflux", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "right-password")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue());
    }

    @Test
    public void theKeystoreServesKeyAndTrustManagersForKarafsSslContext() throws Exception {
        JmxKeystore store = new JmxKeystore();
        store.load(keystore, "right-password");
        assertEquals("conflux", store.getName());
        assertEquals(1, store.listTrustCertificates().length);
        assertNotNull(store.getPrivateKey("conflux"));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(store.getKeyManager("default", "conflux"), store.getTrustManager("default"), null);
        assertNotNull(tls.getServerSocketFactory());
    }

    @Test
    public void aMissingOrWrongPasswordOrKeystoreSaysWhatToSet() {
        JmxKeystore store = new JmxKeystore();
        String none = assertThrows(IllegalStateException.class, () -> store.load(keystore, null)).getMessage();
        assertTrue(none, none.contains("set CONFLUX_TLS_KEYSTORE_PASSWORD"));
        String wrong = assertThrows(IllegalStateException.class, () -> store.load(keystore, "wrong")).getMessage();
        assertTrue(wrong, wrong.contains("cannot be opened with CONFLUX_TLS_KEYSTORE_PASSWORD"));
        String missing = assertThrows(IllegalStateException.class,
                () -> store.load(keystore.resolveSibling("none.p12"), "x")).getMessage();
        assertTrue(missing, missing.contains("set CONFLUX_TLS_KEYSTORE"));
    }
}
