package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** The distribution boots complete, and every management door needs credentials. */
public class DistributionIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();

    static final Jolokia console = CONFLUX.admin();
    static SshClient ssh;


    @BeforeClass
    public static void ready() throws Exception {
        ssh = CONFLUX.closeAfter(SshClient.setUpDefaultClient());
        ssh.start();
    }

    @Test
    public void everyBundleIsActiveAndTheConfluxFeaturesAreInstalled() throws Exception {
        assertEquals("bundles not active", List.of(), console.notActive());
        assertTrue(console.bundles().stream().anyMatch(b -> b.path("SymbolicName").asText().equals("dev.conflux.camel.runtime")));

        JsonNode features = console.getValue("read/org.apache.karaf:type=feature,name=root/Features");
        Set<String> installed = new TreeSet<>();
        features.fields().forEachRemaining(byName -> byName.getValue().fields().forEachRemaining(byVersion -> {
            if (byVersion.getValue().path("Installed").asBoolean()) {
                installed.add(byName.getKey());
            }
        }));
        for (String f : List.of("conflux", "conflux-broker", "conflux-runtime", "conflux-service-plane",
                "conflux-console", "conflux-security", "conflux-sample-orders")) {
            assertTrue(f + " not installed; installed: " + installed, installed.contains(f));
        }
    }

    @Test
    public void adminLogsIntoTheConsoleAndJolokiaShowsCamelAndArtemis() throws Exception {
        Http browser = new Http();
        HttpResponse<String> login = browser.post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                "{\"username\":\"admin\",\"password\":\"" + ConfluxDistribution.PASSWORD + "\"}");
        assertEquals(200, login.statusCode());

        // The console's pages call Jolokia with their Referer (or Origin), which Jolokia's policy requires.
        String page = CONFLUX.consoleOrigin() + "/";
        JsonNode camel = Http.json(browser.get(CONFLUX.consoleUrl() + "/jolokia/search/org.apache.camel:type=context,*", "Referer", page));
        assertTrue(camel.toString(), camel.get("value").toString().contains("context=sample-orders"));
        JsonNode routes = Http.json(browser.get(CONFLUX.consoleUrl() + "/jolokia/search/org.apache.camel:type=routes,*", "Referer", page));
        assertTrue(routes.toString(), routes.get("value").toString().contains("orders-process"));
        JsonNode artemis = Http.json(browser.get(CONFLUX.consoleUrl() + "/jolokia/search/org.apache.activemq.artemis:broker=*", "Referer", page));
        assertTrue(artemis.toString(), artemis.get("value").toString().contains("broker=\\\"conflux\\\""));

        // The console is Conflux-branded and the Artemis plugin is registered with it.
        assertTrue(browser.get(CONFLUX.consoleUrl() + "/hawtconfig.json").body().contains("\"appName\": \"Conflux Console\""));
        assertTrue(browser.get(CONFLUX.consoleUrl() + "/plugin/").body().contains("artemis-plugin"));
    }

    @Test
    public void consoleAndJolokiaRefuseAnonymousAndWrongPasswords() throws Exception {
        Http anonymous = new Http();
        HttpResponse<String> page = anonymous.get(CONFLUX.consoleUrl() + "/");
        assertTrue("console page served anonymously: " + page.statusCode(), page.statusCode() == 302 || page.statusCode() == 401 || page.statusCode() == 403);
        if (page.statusCode() == 302) {
            assertTrue(page.headers().firstValue("Location").orElse(""), page.headers().firstValue("Location").orElse("").contains("login"));
        }
        assertEquals(403, anonymous.get(CONFLUX.consoleUrl() + "/jolokia/read/java.lang:type=Runtime").statusCode());
        HttpResponse<String> wrong = anonymous.post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                "{\"username\":\"admin\",\"password\":\"admin\"}");
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> basicWrong = anonymous.get(CONFLUX.consoleUrl() + "/jolokia/read/java.lang:type=Runtime",
                "Authorization", Http.basic("admin", "admin"));
        assertNotEquals(200, basicWrong.statusCode());
        // while the admin's own credentials are accepted
        assertEquals(200, console.get("read/java.lang:type=Runtime/Uptime").statusCode());
    }

    @Test
    public void sshNeedsTheAdminPassword() throws Exception {
        try (ClientSession session = ssh.connect("admin", "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
            assertThrows("SSH accepted a login without credentials", Exception.class, () -> session.auth().verify(10_000));
        }
        for (String password : new String[] {"karaf", "admin"}) {
            try (ClientSession session = ssh.connect("admin", "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
                session.addPasswordIdentity(password);
                assertThrows("SSH accepted password '" + password + "'", Exception.class, () -> session.auth().verify(10_000));
            }
        }
        try (ClientSession session = ssh.connect("admin", "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
            session.addPasswordIdentity(ConfluxDistribution.PASSWORD);
            session.auth().verify(10_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel("feature:list -i | grep conflux-runtime")) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(10_000);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30).toMillis());
            }
            assertTrue(out.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8).contains("Started"));
        }
    }

    /** etc/org.apache.karaf.command.acl.conflux.cfg: the console's role split holds in the shell too. */
    @Test
    public void theShellGivesOperatorsAndViewersWhatTheirRoleAllowsAndRefusesTheRest() throws Exception {
        String flow = "sample-orders";
        Shell operator = CONFLUX.shell(ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD);
        Shell viewer = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        Shell admin = CONFLUX.shell();
        assertTrue(viewer.run("conflux:flow-list"), viewer.run("conflux:flow-list").contains(flow));
        assertRefused(viewer, admin, "conflux:flow-stop", flow);
        assertTrue(admin.run("conflux:flow-info " + flow), admin.run("conflux:flow-info " + flow).contains("STARTED"));

        // An operator stops and starts a flow from the shell ...
        operator.run("conflux:flow-stop " + flow);
        Await.until(flow + " STOPPED", Duration.ofSeconds(60), () -> admin.run("conflux:flow-info " + flow).contains("STOPPED"));
        operator.run("conflux:flow-start " + flow);
        Await.until(flow + " STARTED", Duration.ofSeconds(60), () -> admin.run("conflux:flow-info " + flow).contains("STARTED"));

        // ... but may not roll back, delete connectors, or use Karaf's own commands that have no ACL entry.
        assertRefused(operator, admin, "conflux:flow-rollback", flow);
        assertRefused(operator, admin, "conflux:connector-delete", "anything");
        assertRefused(operator, admin, "conflux:queue-purge", "anything");
        assertRefused(operator, admin, "conflux:deadletter-discard", "anything");
        assertTrue(operator.run("conflux:queue-list"), operator.run("conflux:queue-list").contains("conflux.sample.orders"));
        assertRefused(viewer, admin, "conflux:deadletter-retry", "anything");
        assertRefused(operator, admin, "config:list", "");
        assertRefused(operator, admin, "bundle:stop", String.valueOf(console.bundleId("dev.conflux.camel.runtime")));
        assertEquals("bundles not active", List.of(), console.notActive());
    }

    /** etc/org.apache.karaf.shell.cfg: Karaf's SFTP server, which would hand SSH users the installation's files, is off. */
    @Test
    public void theSshServerOffersNoSftpEvenToTheAdmin() throws Exception {
        try (ClientSession session = ssh.connect("admin", "127.0.0.1", CONFLUX.sshPort).verify(10_000).getSession()) {
            session.addPasswordIdentity(ConfluxDistribution.PASSWORD);
            session.auth().verify(10_000);
            assertThrows("the SFTP subsystem was offered", IOException.class, () -> {
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    sftp.readDir("etc");
                }
            });
            // the same session still runs shell commands: the refusal is SFTP's alone
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel("conflux:flow-list")) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(10_000);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30).toMillis());
            }
            assertTrue(out.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8).contains("sample-orders"));
        }
    }

    /** Karaf hides a command from a user whose roles do not allow it: to them it does not exist. */
    private static void assertRefused(Shell user, Shell admin, String command, String args) throws Exception {
        String help = admin.run(command + " --help");
        assertTrue(command + " does not exist for the admin either: " + help, help.contains("SYNTAX"));
        String output = user.run(command + " " + args).replaceAll("\\u001B\\[[0-9;]*m", "").trim();
        assertEquals("Command not found: " + command, output);
    }

    @Test
    public void noClearTextPasswordIsStored() throws Exception {
        Path users = CONFLUX.home().toPath().resolve("etc/users.properties");
        String content = Files.readString(users, StandardCharsets.ISO_8859_1);
        String pbkdf2 = "\\{CRYPT\\}pbkdf2-sha512:210000:[A-Za-z0-9+/]+:[A-Za-z0-9+/]+\\{CRYPT\\}";
        assertTrue(content, content.matches("(?s).*\\nadmin = " + pbkdf2 + ",_g_:admingroup.*"));
        assertTrue(content, content.matches("(?s).*\\nconflux-runtime = " + pbkdf2 + ",_g_:servicegroup.*"));
        assertFalse(content.contains(ConfluxDistribution.PASSWORD));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
    }

    /**
     * Files holding secrets are readable by their owner only once the container runs (Karaf's archiver writes every
     * file 0644; bin/conflux and the container make these owner-only at every start).
     */
    @Test
    public void secretFilesAreOwnerOnly() throws Exception {
        for (String name : List.of("users.properties", "keys.properties", "host.key")) {
            Path file = CONFLUX.home().toPath().resolve("etc").resolve(name);
            Await.until(name + " readable by its owner only (rw-------)", Duration.ofSeconds(30), () -> Files.exists(file)
                    && PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals("rw-------"));
        }
    }
}
