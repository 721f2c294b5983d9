package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Brute-force protection and password storage, over the real login channels: the console's login page, Jolokia with
 * Basic credentials, SSH, JMX and the broker all log in through the one {@code karaf} realm, so a lock set by wrong
 * passwords on one channel holds on every other until it runs out or an admin lifts it with
 * {@code conflux:user-unlock}. What a user or admin checks: the refusals, {@code security.log}, the audit trail and
 * {@code etc/users.properties}.
 */
public class LoginSecurityIT {

    static final String VICTIM = "lockout-victim";
    static final String VICTIM_PASSWORD = "victim-" + UUID.randomUUID();
    static final String WRONG = "wrong-" + UUID.randomUUID();
    static final String OLD = "old-digest-user";
    static final String OLD_PASSWORD = "old-" + UUID.randomUUID();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers().and(
            editConfigurationFilePut("etc/users.properties", VICTIM, VICTIM_PASSWORD + ",_g_:admingroup"),
            // A password stored as Conflux stored it before (unsalted SHA-512), to be upgraded at the next login.
            editConfigurationFilePut("etc/users.properties", OLD, "{CRYPT}" + sha512(OLD_PASSWORD) + "{CRYPT},_g_:viewers"));

    static SshClient ssh;

    @BeforeClass
    public static void ready() throws Exception {
        ssh = CONFLUX.closeAfter(SshClient.setUpDefaultClient());
        ssh.start();
        // The JMX connector is exported a little after the rest: wait for it as the admin.
        Await.until("JMX accepting the admin", Duration.ofMinutes(2), () -> {
            jmx(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD).close();
            return true;
        });
    }

    @Test
    public void twentyWrongPasswordsLockTheAccountOnEveryChannelUntilAnAdminUnlocksIt() throws Exception {
        assertTrue("the victim can log in before", consoleLogin(VICTIM, VICTIM_PASSWORD));
        for (int i = 0; i < 20; i++) {
            assertFalse("wrong password " + i + " accepted", consoleLogin(VICTIM, WRONG));
        }

        // The right password is refused now, on every channel.
        assertFalse("console login", consoleLogin(VICTIM, VICTIM_PASSWORD));
        assertNotEquals("Jolokia", 200, jolokiaStatus(VICTIM, VICTIM_PASSWORD));
        assertFalse("SSH", sshLogin(VICTIM, VICTIM_PASSWORD));
        assertThrows("JMX", SecurityException.class, () -> jmx(VICTIM, VICTIM_PASSWORD).close());
        assertThrows("broker", Exception.class, () -> new Jms(CONFLUX.brokerUrl(), VICTIM, VICTIM_PASSWORD).close());

        // Another account is not affected, from the same address.
        assertTrue(consoleLogin(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD));
        assertEquals(200, jolokiaStatus(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD));

        // The admin sees the lock, an operator may not lift it, the admin does.
        Shell admin = CONFLUX.shell();
        String lockouts = admin.run("conflux:user-lockouts");
        assertTrue(lockouts, lockouts.contains(VICTIM));
        Shell operator = CONFLUX.shell(ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD);
        assertEquals("Command not found: conflux:user-unlock",
                operator.run("conflux:user-unlock " + VICTIM).replaceAll("\\u001B\\[[0-9;]*m", "").trim());
        assertFalse("still locked", consoleLogin(VICTIM, VICTIM_PASSWORD));
        String unlocked = admin.run("conflux:user-unlock " + VICTIM);
        assertTrue(unlocked, unlocked.contains("Unlocked " + VICTIM));
        assertFalse(admin.run("conflux:user-lockouts").contains(VICTIM));

        // Accepted again everywhere.
        assertTrue("console login", consoleLogin(VICTIM, VICTIM_PASSWORD));
        assertEquals("Jolokia", 200, jolokiaStatus(VICTIM, VICTIM_PASSWORD));
        assertTrue("SSH", sshLogin(VICTIM, VICTIM_PASSWORD));
        jmx(VICTIM, VICTIM_PASSWORD).close();
        // The broker keeps its own verdicts on credentials for a few seconds (Artemis' security cache).
        Await.until("the broker accepting " + VICTIM + " again", Duration.ofSeconds(30), () -> {
            new Jms(CONFLUX.brokerUrl(), VICTIM, VICTIM_PASSWORD).close();
            return true;
        });

        // The lockout is in security.log and in the audit trail; no password is.
        String log = Await.until("the lockout in security.log", Duration.ofSeconds(30), () -> {
            String text = securityLog();
            return text.contains("LOCKOUT account '" + VICTIM + "'") ? text : null;
        });
        assertTrue(log, log.contains("LOGIN FAILED user=" + VICTIM + " channel=console from=127.0.0.1"));
        assertTrue(log, log.contains("LOGIN REFUSED user=" + VICTIM + " channel=ssh"));
        assertTrue(log, log.contains("UNLOCK " + VICTIM + " by admin"));
        assertFalse("a password in security.log", log.contains(WRONG) || log.contains(VICTIM_PASSWORD));
        String audit = admin.run("conflux:audit -n 50");
        assertTrue(audit, audit.contains("login.lockout") && audit.contains("login.unlock") && audit.contains(VICTIM));
    }

    @Test
    public void failedLoginsOnEachChannelAreLoggedWithoutThePassword() throws Exception {
        String user = "no-such-user";
        String wrong = "not-it-" + UUID.randomUUID();
        assertFalse(sshLogin(user, wrong));
        assertNotEquals(200, jolokiaStatus(user, wrong));
        assertThrows(Exception.class, () -> new Jms(CONFLUX.brokerUrl(), user, wrong).close());
        assertThrows(SecurityException.class, () -> jmx(user, wrong).close());
        String log = Await.until("failed logins in security.log", Duration.ofSeconds(30), () -> {
            String text = securityLog();
            return text.contains("LOGIN FAILED user=" + user + " channel=broker") ? text : null;
        });
        for (String channel : new String[] {"ssh", "console", "jmx"}) {
            assertTrue(channel + ": " + log, log.contains("LOGIN FAILED user=" + user + " channel=" + channel + " from=127.0.0.1"));
        }
        assertFalse("the password in security.log", log.contains(wrong));
    }

    @Test
    public void passwordsAreStoredAsSaltedPbkdf2AndOlderFormsUpgradedAtLogin() throws Exception {
        Path users = CONFLUX.home().toPath().resolve("etc/users.properties");
        String pbkdf2 = "\\{CRYPT\\}pbkdf2-sha512:210000:[A-Za-z0-9+/]+:[A-Za-z0-9+/]+\\{CRYPT\\}";
        String before = Files.readString(users, StandardCharsets.ISO_8859_1);
        assertTrue(before, before.matches("(?s).*\\nadmin = " + pbkdf2 + ",_g_:admingroup.*"));
        assertTrue(before, before.contains(sha512(OLD_PASSWORD)));

        assertEquals(200, jolokiaStatus(OLD, OLD_PASSWORD));
        assertEquals(200, jolokiaStatus(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD));
        String after = Await.until("upgraded entries", Duration.ofSeconds(30), () -> {
            String text = Files.readString(users, StandardCharsets.ISO_8859_1);
            return text.matches("(?s).*\\n" + OLD + "\\s*=\\s*" + pbkdf2 + ",_g_\\\\?:viewers.*") ? text : null;
        });
        assertFalse("the old digest is gone", after.contains(sha512(OLD_PASSWORD)));
        assertTrue("clear text rewritten too: " + after,
                after.matches("(?s).*\\n" + ConfluxDistribution.VIEWER + "\\s*=\\s*" + pbkdf2 + ",_g_\\\\?:viewers.*"));
        assertFalse(after.contains(ConfluxDistribution.VIEWER_PASSWORD));
        // and the upgraded password still works
        assertEquals(200, jolokiaStatus(OLD, OLD_PASSWORD));
    }

    // ---- the channels, as a user's client logs in ---------------------------------------------------------------

    static boolean consoleLogin(String user, String password) throws Exception {
        HttpResponse<String> r = new Http().post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                Http.JSON.createObjectNode().put("username", user).put("password", password).toString());
        return r.statusCode() == 200;
    }

    static int jolokiaStatus(String user, String password) throws Exception {
        return CONFLUX.jolokia(user, password).get("read/java.lang:type=Runtime/Uptime").statusCode();
    }

    static boolean sshLogin(String user, String password) throws Exception {
        try (ClientSession session = ssh.connect(user, "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
            session.addPasswordIdentity(password);
            try {
                session.auth().verify(10_000);
                return true;
            } catch (Exception refused) {
                return false;
            }
        }
    }

    static JMXConnector jmx(String user, String password) throws Exception {
        // Pax Exam gives the RMI registry and server ports of its own: the ones the container really uses.
        Properties management = new Properties();
        try (Reader in = Files.newBufferedReader(CONFLUX.home().toPath().resolve("etc/org.apache.karaf.management.cfg"))) {
            management.load(in);
        }
        String registry = port(management, "rmiRegistryPort", CONFLUX.jmxRegistryPort);
        String server = port(management, "rmiServerPort", CONFLUX.jmxServerPort);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + server
                + "/jndi/rmi://127.0.0.1:" + registry + "/karaf-root");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    static String port(Properties cfg, String key, int fallback) {
        String v = cfg.getProperty(key, "").strip();
        return v.matches("\\d+") ? v : String.valueOf(fallback);
    }

    static String securityLog() throws Exception {
        return Files.readString(CONFLUX.home().toPath().resolve("data/log/security.log"), StandardCharsets.UTF_8);
    }

    static String sha512(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
