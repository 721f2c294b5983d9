package dev.conflux.trust.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.ConnectorSecret;
import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.EndpointPolicyInfo;
import dev.conflux.trust.api.TrustReport;
import dev.conflux.trust.api.TrustReport.Listener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InventoryTest {

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    final Fakes.FakeSettings settings = new Fakes.FakeSettings();
    final Fakes.FakeAcceptors acceptors = new Fakes.FakeAcceptors();
    final Fakes.FakeEndpointAccess access = new Fakes.FakeEndpointAccess();
    final Fakes.FakeConnectors connectors = new Fakes.FakeConnectors();
    final Fakes.FakeLoginGuard guard = new Fakes.FakeLoginGuard();
    boolean servicesRunning = true;

    Inventory inventory() {
        return new Inventory(settings, acceptors, () -> servicesRunning ? access : null,
                () -> servicesRunning ? connectors : null, () -> servicesRunning ? guard : null, Clock.systemUTC());
    }

    /** A dev-like container: plain HTTP everywhere, on the ports its configuration names. */
    @Before
    public void devContainer() {
        settings.configs.put("org.ops4j.pax.web", Map.of("org.osgi.service.http.port", "18181",
                "org.ops4j.pax.web.listening.addresses", "127.0.0.1", "org.osgi.service.http.secure.enabled", "false"));
        settings.configs.put("conflux.serviceplane", Map.of("host", "127.0.0.1", "port", "18182",
                "tlsEnabled", "false", "tlsKeystore", "etc/tls/services.p12"));
        settings.configs.put("org.apache.karaf.shell", Map.of("sshHost", "127.0.0.1", "sshPort", "18101",
                "sshRealm", "karaf", "sshRole", "ssh"));
        settings.configs.put("org.apache.karaf.management", Map.of("rmiRegistryHost", "127.0.0.1",
                "rmiRegistryPort", "11099", "rmiServerHost", "127.0.0.1", "rmiServerPort", "14444", "jmxRealm", "karaf"));
        settings.activeBundles.add("org.apache.karaf.shell.ssh");
        settings.activeBundles.add("org.apache.karaf.management.server");
        settings.properties.put("hawtio.authenticationEnabled", "true");
        settings.properties.put("hawtio.realm", "karaf");
        settings.properties.put("karaf.base", DIR.getRoot().toString());
        acceptors.acceptors = List.of(
                new Acceptors.Acceptor("amqp", Map.of("host", "127.0.0.1", "port", 15672, "protocols", "AMQP"), true),
                new Acceptors.Acceptor("core", Map.of("host", "127.0.0.1", "port", "16161",
                        "protocols", "CORE,AMQP,STOMP,MQTT"), true));
    }

    static Map<String, Listener> byName(TrustReport report) {
        return report.listeners().stream().collect(Collectors.toMap(Listener::name, l -> l));
    }

    @Test
    public void listsEveryListenerWithTheConfiguredAddressPortAndNoTls() {
        Map<String, Listener> listeners = byName(inventory().report());
        assertEquals(List.of("JMX RMI registry", "JMX RMI server", "SSH shell", "broker acceptor amqp",
                "broker acceptor core", "management (console, Jolokia)", "service plane (SOAP, REST)"),
                listeners.keySet().stream().sorted().toList());
        Listener console = listeners.get("management (console, Jolokia)");
        assertEquals(18181, console.port());
        assertEquals("127.0.0.1", console.address());
        assertEquals("HTTP", console.protocol());
        assertFalse(console.tls());
        assertTrue(console.authentication(), console.authentication().contains("realm karaf"));
        assertEquals(18182, listeners.get("service plane (SOAP, REST)").port());
        assertNull("no TLS, no keystore in use", listeners.get("service plane (SOAP, REST)").keystore());
        assertEquals(15672, listeners.get("broker acceptor amqp").port());
        assertEquals("AMQP", listeners.get("broker acceptor amqp").protocol());
        assertEquals(16161, listeners.get("broker acceptor core").port());
        assertEquals(18101, listeners.get("SSH shell").port());
        assertEquals(11099, listeners.get("JMX RMI registry").port());
        assertEquals(14444, listeners.get("JMX RMI server").port());
        assertTrue(listeners.values().stream().noneMatch(Listener::tls));
    }

    @Test
    public void sshIsAbsentWhenNotInstalledEvenWithItsConfiguration() {
        settings.activeBundles.remove("org.apache.karaf.shell.ssh");
        assertFalse(byName(inventory().report()).containsKey("SSH shell"));
    }

    @Test
    public void tlsListenersNameTheirKeystoreAndItsCertificatesSayWhoUsesThem() throws Exception {
        Path keystore = DIR.getRoot().toPath().resolve("etc-tls.p12");
        Keytool.selfSigned(keystore, "env-secret", "CN=conflux.test", 25);
        settings.env.put("CONFLUX_TLS_KEYSTORE_PASSWORD", "env-secret");
        settings.configs.put("conflux.serviceplane", Map.of("host", "127.0.0.1", "port", "18443",
                "tlsEnabled", "true", "tlsKeystore", "etc-tls.p12", "tlsKeystorePassword", ""));
        acceptors.acceptors = List.of(new Acceptors.Acceptor("core", Map.of("host", "127.0.0.1", "port", "16161",
                "sslEnabled", "true", "keyStorePath", keystore.toString(), "keyStorePassword", "****"), true));
        TrustReport report = inventory().report();
        Listener services = byName(report).get("service plane (SOAP, REST)");
        assertTrue(services.tls());
        assertEquals("HTTPS", services.protocol());
        assertEquals("etc-tls.p12", services.keystore());
        assertTrue(byName(report).get("broker acceptor core").tls());
        assertEquals("one store used twice is one certificate", 1, report.certificates().size());
        TrustReport.Certificate certificate = report.certificates().get(0);
        assertEquals("CN=conflux.test", certificate.subject());
        assertEquals(keystore.toString(), certificate.store());
        assertEquals("service plane (SOAP, REST), broker acceptor core", certificate.usedBy());
        assertTrue(certificate.expiresSoon());
        assertFalse("the password is never in the report", report.toString().contains("env-secret"));
    }

    @Test
    public void aKeystoreWithoutItsPasswordIsANoteNamingTheVariable() {
        settings.configs.put("conflux.serviceplane", Map.of("port", "18443", "tlsEnabled", "true",
                "tlsKeystore", DIR.getRoot().toPath().resolve("missing.p12").toString()));
        TrustReport report = inventory().report();
        assertEquals("file not found", report.certificates().get(0).problem());
        assertTrue(report.notes().toString(), report.notes().stream().anyMatch(n -> n.contains("missing.p12")));
    }

    @Test
    public void endpointsApiKeysSecretsAndLockoutsComeFromTheirServices() {
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        access.policies = List.of(new EndpointPolicyInfo("/api/orders/*", "apikey,jwt", "etc/x.cfg", 5));
        access.keys = List.of(new ApiKeyInfo("k2", "zeta", created, null, null, true),
                new ApiKeyInfo("k1", "acme", created, created.plusSeconds(86_400), created, false));
        connectors.secrets = List.of(new ConnectorSecret("partner-a", "sftp", "password", false, "etc/a.cfg"),
                new ConnectorSecret("billing", "http", "password", true, "etc/b.cfg"));
        guard.lockouts = List.of(new LoginGuard.Lockout("mallory", 20, created, created.plusSeconds(900)));
        TrustReport report = inventory().report();
        assertEquals(List.of(new TrustReport.Endpoint("/api/orders/*", "apikey,jwt", "etc/x.cfg", 5)),
                report.endpoints());
        assertEquals("by consumer", List.of("acme", "zeta"),
                report.apiKeys().stream().map(TrustReport.ApiKey::consumer).toList());
        assertEquals(created, report.apiKeys().get(0).lastUsed());
        assertTrue(report.apiKeys().get(1).revoked());
        assertEquals(new TrustReport.Secret("partner-a", "sftp", "password", false, "etc/a.cfg"),
                report.secrets().get(0));
        assertTrue(report.secrets().get(1).encrypted());
        assertEquals("mallory", report.lockouts().get(0).subject());
        assertEquals(List.of(), report.notes());
    }

    @Test
    public void aMissingOrFailingSourceLeavesANoteAndTheRestOfTheReport() {
        servicesRunning = false;
        TrustReport absent = inventory().report();
        assertEquals(7, absent.listeners().size());
        assertTrue(absent.notes().toString(), absent.notes().stream().anyMatch(n -> n.startsWith("API keys: not available")));
        assertTrue(absent.notes().stream().anyMatch(n -> n.startsWith("lockouts: not available")));
        servicesRunning = true;
        connectors.failure = new IllegalStateException("the connector registry is stopping");
        TrustReport failing = inventory().report();
        assertTrue(failing.notes().contains("connector secrets: cannot be read: the connector registry is stopping"));
        assertEquals(7, failing.listeners().size());
    }

    @Test
    public void noBrokerOrConsoleIsSaidNotGuessed() {
        acceptors.acceptors = List.of();
        settings.configs.remove("org.ops4j.pax.web");
        TrustReport report = inventory().report();
        assertTrue(report.listeners().stream().noneMatch(l -> l.name().startsWith("broker")
                || l.name().startsWith("management")));
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("broker: no acceptors")));
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("management plane: no")));
    }

    @Test
    public void placeholdersLeftInAValueAreResolvedLikeKaraf() {
        assertEquals("127.0.0.1:8181", OsgiSettings.resolve("${conflux.http.host}:${env:PORT:-8181}",
                Map.of("conflux.http.host", "127.0.0.1")::get, name -> null));
        assertEquals("${unknown}", OsgiSettings.resolve("${unknown}", name -> null, name -> null));
    }
}
