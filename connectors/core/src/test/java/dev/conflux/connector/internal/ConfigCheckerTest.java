package dev.conflux.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ConfigCheckerTest {

    static final List<ConnectorKey> KEYS = List.of(
            ConnectorKey.required("host", Kind.TEXT, "server"),
            ConnectorKey.optional("port", Kind.PORT, "22", "port"),
            ConnectorKey.optional("secure", Kind.BOOLEAN, "true", "tls"),
            ConnectorKey.optional("timeout", Kind.DURATION, "10s", "wait"),
            ConnectorKey.optional("url", Kind.URL, null, "where"),
            ConnectorKey.optional("password", Kind.SECRET, null, "secret"));

    @Test
    public void fillsDefaultsAndAcceptsWellFormedValues() {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = ConfigChecker.check(KEYS, Map.of("host", "h", "timeout", "2m",
                "url", "https://x.example/api", "password", "ENC(AAAAAAAAAAAAAAAAAAAAAAAA)"), problems);
        assertEquals(List.of(), problems);
        assertEquals("22", values.get("port"));
        assertEquals("true", values.get("secure"));
        assertEquals("60s", values.get("healthCheckInterval"));
        assertEquals(120_000L, dev.conflux.connector.api.ConnectorSettings.parseMillis(values.get("timeout")));
    }

    @Test
    public void namesEachKeyAndWhatItExpects() {
        List<String> problems = new ArrayList<>();
        ConfigChecker.check(KEYS, Map.of("port", "70000", "secure", "yes", "timeout", "soon", "url", "ftp://x",
                "passwrd", "x", "password", "hunter2"), problems);
        String all = String.join("\n", problems);
        assertTrue(all, all.contains("key 'host' is required: text - server"));
        assertTrue(all, all.contains("key 'port': '70000' is out of range; expected a port number (1-65535)"));
        assertTrue(all, all.contains("key 'secure': 'yes' is not true or false"));
        assertTrue(all, all.contains("key 'timeout': 'soon' is not a duration"));
        assertTrue(all, all.contains("key 'url': 'ftp://x' is not an http:// or https:// URL"));
        assertTrue(all, all.contains("key 'passwrd' is not a key of this connector type (did you mean 'password'?)"));
        assertTrue(all, all.contains("key 'password': holds a clear-text secret"));
        assertFalse("a rejected secret is not echoed", all.contains("hunter2"));
        assertEquals(7, problems.size());
    }

    @Test
    public void frameworkKeysAreNotTheUsers() {
        assertTrue(ConfigChecker.isFrameworkKey("felix.fileinstall.filename"));
        assertTrue(ConfigChecker.isFrameworkKey("service.factoryPid"));
        assertFalse(ConfigChecker.isFrameworkKey("host"));
    }

    @Test
    public void tellsSecretKeysEncryptedOrClearWithoutTheirValues() {
        Map<String, String> raw = Map.of("host", "h", "password", "hunter2", "apiToken", "ENC(AAAAAAAAAAAAAAAAAAAAAAAA)");
        assertEquals(Map.of("password", false, "apiToken", true),
                ConfigChecker.secretKeys(new ReconcilerTest.FakeType(), raw));
        assertEquals("an unknown type's keys named like secrets count too",
                Map.of("password", false, "apiToken", true), ConfigChecker.secretKeys(null, raw));
    }
}
