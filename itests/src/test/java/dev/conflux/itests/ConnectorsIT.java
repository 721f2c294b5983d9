package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Connector instances as architects and integration developers use them: cfg files dropped into etc/ (real
 * FileInstall and Config Admin), flows that name the instance, against real servers started here on loopback (a
 * directory, and the fixtures {@link SftpServer}, {@link OrdersApi}, {@link BillingService}, {@link SecondBroker},
 * {@link Postgres}, {@link MailServer}, {@link LineServer}); health and secrets seen through the shell (SSH), JMX
 * (Jolokia) and the log.
 */
public class ConnectorsIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted();
    static final String MBEAN = "conflux:type=connectors";
    static final String SFTP_PASSWORD = "sftp-" + UUID.randomUUID();
    static final String HTTP_PASSWORD = "http-" + UUID.randomUUID();
    static final String BROKER_PASSWORD = "broker-" + UUID.randomUUID();
    static final String SOAP_PASSWORD = "soap-" + UUID.randomUUID();
    static final String DB_PASSWORD = "db-" + UUID.randomUUID();
    static final String MAIL_PASSWORD = "mail-" + UUID.randomUUID();

    static final Jolokia console = CONFLUX.admin();
    static Shell shell;
    static Jms jms;
    static Path etc;
    static Path flows;
    static Path work;

    @BeforeClass
    public static void ready() throws Exception {
        Await.until("the connectors MBean", Duration.ofMinutes(1), () -> console.getValue("read/" + MBEAN + "/Connectors") != null);
        shell = CONFLUX.shell();
        jms = CONFLUX.jms();
        etc = CONFLUX.home().toPath().resolve("etc");
        flows = CONFLUX.home().toPath().resolve("flows");
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connectors-");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void cfg(String type, String name, String content) throws IOException {
        write(etc.resolve("conflux.connector." + type + "-" + name + ".cfg"), content);
    }

    /** What conflux:secret-encrypt prints for the value, as an operator would paste it. */
    static String encrypt(String clear) throws Exception {
        String out = shell.run("conflux:secret-encrypt " + clear);
        Matcher m = Pattern.compile("ENC\\([A-Za-z0-9+/=]+\\)").matcher(out);
        assertTrue("conflux:secret-encrypt printed an ENC(...) value: " + out, m.find());
        assertFalse("the encrypted form does not contain the secret", m.group().contains(clear));
        return m.group();
    }

    static JsonNode connector(String name) throws Exception {
        for (JsonNode c : console.getValue("read/" + MBEAN + "/Connectors")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    /** Waits until JMX shows the instance with the status; returns its reason. */
    static String awaitStatus(String name, String status) throws Exception {
        return Await.until("connector " + name + " " + status, Duration.ofSeconds(60), () -> {
            console.exec(MBEAN, "check", name);
            JsonNode c = connector(name);
            return c != null && status.equals(c.path("status").asText()) ? c.path("reason").asText() : null;
        });
    }

    static void awaitGone(String name) throws Exception {
        Await.until("connector " + name + " removed", Duration.ofSeconds(30), () -> connector(name) == null);
    }

    /** What a user would check: the secret appears in clear nowhere - config:list, JMX (what Hawtio reads), the shell, etc/, the log. */
    static void assertSecretHidden(String type, String name, String secret) throws Exception {
        String configList = shell.run("config:list '(service.factoryPid=conflux.connector." + type + ")'");
        assertTrue("config:list shows the instance: " + configList, configList.contains("conflux.connector." + type));
        assertFalse("config:list shows the secret in clear", configList.contains(secret));
        String jmx = console.get("read/" + MBEAN + "/Connectors").body();
        assertFalse("JMX shows the secret in clear", jmx.contains(secret));
        String info = shell.run("conflux:connector-info " + name);
        assertTrue(info, info.contains("password = ********") || info.contains("token = ********"));
        assertFalse(info.contains(secret));
        for (Path cfg : Files.list(etc).filter(p -> p.toString().endsWith(".cfg")).toList()) {
            assertFalse(cfg + " holds the secret in clear", Files.readString(cfg).contains(secret));
        }
        assertFalse("the log holds the secret in clear",
                Files.readString(CONFLUX.home().toPath().resolve("data/log/karaf.log")).contains(secret));
    }

    static JsonNode flow(String name) throws Exception {
        return console.exec("conflux:type=flows", "info", name);
    }

    static void deployFlow(String name, String yaml) throws Exception {
        write(flows.resolve(name + ".yaml"), yaml);
        Await.until("flow " + name + " started", Duration.ofSeconds(60),
                () -> "STARTED".equals(flow(name).path("state").asText()));
    }

    static Path awaitFile(Path file) throws Exception {
        return Await.until(file + " to appear", Duration.ofSeconds(60), () -> Files.isRegularFile(file) ? file : null);
    }

    // ---- types and invalid configuration -------------------------------------------------------------------------

    @Test
    public void theShippedTypesAreInstalledAndDocumentTheirKeys() throws Exception {
        String types = shell.run("conflux:connector-types");
        for (String type : List.of("file", "sftp", "http", "jms", "soap", "sql", "mail")) {
            assertTrue("conflux:connector-types lists " + type + ":\n" + types, types.contains("conflux.connector." + type));
        }
        String keys = shell.run("conflux:connector-types sftp");
        for (String key : List.of("host", "port", "username", "password", "knownHostsFile", "healthCheckInterval")) {
            assertTrue("the sftp key reference lists " + key + ":\n" + keys, keys.contains(key));
        }
    }

    @Test
    public void invalidConfigurationIsRejectedNamingTheFileTheKeyAndWhatIsExpected() throws Exception {
        cfg("sftp", "broken", "host = 127.0.0.1\nport = twenty-two\npasword = x\n");
        cfg("ftps", "nosuchtype", "host = 127.0.0.1\n");
        cfg("http", "cleartext", "baseUrl = http://127.0.0.1:1/api\nusername = u\npassword = in-clear\n");
        cfg("file", "bad_name", "directory = " + work.resolve("unused") + "\n");

        String broken = awaitStatus("broken", "INVALID");
        assertTrue(broken, broken.contains("key 'port': 'twenty-two' is not a port number"));
        assertTrue(broken, broken.contains("key 'username' is required"));
        assertTrue(broken, broken.contains("key 'pasword' is not a key of this connector type (did you mean 'password'?)"));
        assertEquals(etc.resolve("conflux.connector.sftp-broken.cfg").toString(), connector("broken").path("source").asText());

        String unknown = awaitStatus("nosuchtype", "INVALID");
        assertTrue(unknown, unknown.contains("unknown connector type 'ftps'"));
        assertTrue(unknown, unknown.contains("installed types: file, http, jms, mail, sftp, soap, sql"));

        String clear = awaitStatus("cleartext", "INVALID");
        assertTrue(clear, clear.contains("key 'password': holds a clear-text secret"));
        assertFalse("the rejected secret is not echoed: " + clear, clear.contains("in-clear"));

        String badName = awaitStatus("bad_name", "INVALID");
        assertTrue(badName, badName.contains("the instance name 'bad_name' is not valid") && badName.contains("e.g. 'bad-name'"));

        String list = shell.run("conflux:connector-list");
        assertTrue(list, list.contains("broken") && list.contains("INVALID"));
        String log = Files.readString(CONFLUX.home().toPath().resolve("data/log/karaf.log"));
        assertTrue("the log names the rejected file", log.contains("Connector configuration "
                + etc.resolve("conflux.connector.sftp-broken.cfg") + " REJECTED"));

        for (String f : List.of("sftp-broken", "ftps-nosuchtype", "http-cleartext", "file-bad_name")) {
            Files.delete(etc.resolve("conflux.connector." + f + ".cfg"));
        }
        awaitGone("broken");
        awaitGone("nosuchtype");
        awaitGone("cleartext");
        awaitGone("bad_name");
    }

    // ---- file -----------------------------------------------------------------------------------------------------

    @Test
    public void fileInstanceCreateUseReconfigureDelete() throws Exception {
        Path one = work.resolve("drop-one");
        Path two = work.resolve("drop-two");
        cfg("file", "drop", "directory = " + one + "\ndescription = partner drop folder\n");
        String up = awaitStatus("drop", "UP");
        assertTrue(up, up.contains(one.toString()));

        deployFlow("file-relay", """
                - route:
                    id: file-relay
                    from:
                      uri: drop:in
                      steps:
                        - setBody:
                            simple: "relayed ${body}"
                        - to: drop:out
                """);
        write(one.resolve("in/a.txt"), "A");
        assertEquals("relayed A", Files.readString(awaitFile(one.resolve("out/a.txt"))));
        awaitFile(one.resolve("in/.done/a.txt"));

        // A directory that is not there (and may not be created): DOWN naming it; once it exists: UP.
        Path missing = work.resolve("not-yet");
        cfg("file", "elsewhere", "directory = " + missing + "\ncreateDirectories = false\n");
        String down = awaitStatus("elsewhere", "DOWN");
        assertTrue(down, down.contains("directory " + missing + " does not exist"));
        Files.createDirectories(missing);
        awaitStatus("elsewhere", "UP");
        Files.delete(etc.resolve("conflux.connector.file-elsewhere.cfg"));
        awaitGone("elsewhere");

        // Reconfigure: the flow restarts on the new directory, without being touched.
        cfg("file", "drop", "directory = " + two + "\n");
        Await.until("drop reconfigured", Duration.ofSeconds(30),
                () -> connector("drop").path("reason").asText().contains(two.toString()));
        Await.until("file-relay restarted on the new directory", Duration.ofSeconds(30), () -> {
            write(two.resolve("in/probe-" + System.nanoTime() + ".txt"), "B");
            return Files.isDirectory(two.resolve("out"))
                    && Files.list(two.resolve("out")).findAny().isPresent();
        });
        assertEquals("STARTED", flow("file-relay").path("state").asText());

        // Delete: the flow using it restarts and reports that the component is gone; other flows are untouched.
        String stdout = shell.run("conflux:connector-delete drop");
        assertTrue(stdout, stdout.contains("Deleted"));
        awaitGone("drop");
        JsonNode failed = Await.until("file-relay FAILED", Duration.ofSeconds(30),
                () -> "FAILED".equals(flow("file-relay").path("state").asText()) ? flow("file-relay") : null);
        assertTrue(failed.toString(), failed.path("lastError").asText().contains(
                "unknown component 'drop' in 'drop://in' (not available in this runtime, and no connector instance of that name"));

        // Re-create it with the command: the failed flow is deployed again by itself.
        String created = shell.run("conflux:connector-create file drop directory=" + one);
        assertTrue(created, created.contains("conflux.connector.file-drop.cfg") && created.contains("UP"));
        Await.until("file-relay started again", Duration.ofSeconds(30),
                () -> "STARTED".equals(flow("file-relay").path("state").asText()));
        write(one.resolve("in/c.txt"), "C");
        assertEquals("relayed C", Files.readString(awaitFile(one.resolve("out/c.txt"))));
        Files.delete(flows.resolve("file-relay.yaml"));
    }

    @Test
    public void aFlowNamingAnUnknownInstanceIsRejectedClearly() throws Exception {
        write(flows.resolve("needs-ghost.yaml"), """
                - route:
                    from:
                      uri: ghost:in
                      steps:
                        - to: log:x
                """);
        JsonNode f = Await.until("needs-ghost FAILED", Duration.ofSeconds(30), () -> {
            JsonNode n = flow("needs-ghost");
            return "FAILED".equals(n.path("state").asText()) ? n : null;
        });
        String error = f.path("lastError").asText();
        assertTrue(error, error.contains("unknown component 'ghost'") && error.contains("no connector instance of that name"));
        assertTrue(error, error.contains("needs-ghost.yaml"));
        Files.delete(flows.resolve("needs-ghost.yaml"));
    }

    // ---- sftp -----------------------------------------------------------------------------------------------------

    @Test
    public void sftpInstanceAgainstARealServerWithHealthAndSecrets() throws Exception {
        try (SftpServer server = new SftpServer(work.resolve("sftp"), "partner", SFTP_PASSWORD)) {
            Path root = server.root();
            Files.createDirectories(root.resolve("exchange/outbox"));
            int port = server.port;
            Path knownHosts = server.knownHosts();
            String password = encrypt(SFTP_PASSWORD);
            String settings = "host = 127.0.0.1\nport = " + port + "\nusername = partner\nknownHostsFile = " + knownHosts
                    + "\ndirectory = exchange\nconnectTimeout = 5s\n";
            cfg("sftp", "partner-a", settings + "password = " + password + "\n");
            String up = awaitStatus("partner-a", "UP");
            assertTrue(up, up.contains("partner@127.0.0.1:" + port));

            // Download: files the partner leaves in exchange/outbox reach a local directory. The partner puts its
            // file there whole (write); Camel's plain file component, unlike the connectors, writes in place
            // unless asked for a temporary name.
            Path received = work.resolve("sftp-received");
            deployFlow("from-partner", """
                    - route:
                        from:
                          uri: partner-a:outbox?delay=500&binary=true&stepwise=false
                          steps:
                            - to: file:%s?tempPrefix=.inprogress-
                    """.formatted(received));
            write(root.resolve("exchange/outbox/order-1.xml"), "<order id='1'/>");
            assertEquals("<order id='1'/>", Files.readString(awaitFile(received.resolve("order-1.xml"))));
            awaitFile(root.resolve("exchange/outbox/.done/order-1.xml"));

            // Upload: a JMS message becomes a file in the partner's inbox.
            deployFlow("to-partner", """
                    - route:
                        from:
                          uri: jms:queue:to.partner
                          steps:
                            - setHeader:
                                name: CamelFileName
                                constant: invoice-7.txt
                            - to: partner-a:inbox
                    """);
            // The file appears under its name only once complete (written as .inprogress-invoice-7.txt, then
            // renamed): read as soon as it is there, it holds everything.
            jms.send("to.partner", "invoice 7");
            assertEquals("invoice 7", Files.readString(awaitFile(root.resolve("exchange/inbox/invoice-7.txt"))));

            // Wrong credentials: DOWN with the reason; right ones again: UP.
            cfg("sftp", "partner-a", settings + "password = " + encrypt("not-the-password") + "\n");
            String auth = awaitStatus("partner-a", "DOWN");
            assertTrue(auth, auth.contains("authentication failed for partner@127.0.0.1:" + port));
            cfg("sftp", "partner-a", settings + "password = " + password + "\n");
            awaitStatus("partner-a", "UP");

            // A host key that is not the known one is refused.
            Path otherKnownHosts = server.knownHostsWithAnotherKey();
            cfg("sftp", "partner-b", settings.replace(knownHosts.toString(), otherKnownHosts.toString())
                    + "password = " + password + "\n");
            String hostKeyReason = awaitStatus("partner-b", "DOWN");
            assertTrue(hostKeyReason, hostKeyReason.contains("host key rejected"));
            Files.delete(etc.resolve("conflux.connector.sftp-partner-b.cfg"));

            // The server goes away: DOWN, unrelated flows keep running; it comes back: UP.
            server.stop();
            String refused = awaitStatus("partner-a", "DOWN");
            assertTrue(refused, refused.contains("host unreachable: connection refused by 127.0.0.1:" + port));
            String list = shell.run("conflux:connector-list");
            assertTrue(list, list.contains("partner-a") && list.contains("DOWN"));
            deployFlow("unrelated", """
                    - route:
                        from:
                          uri: jms:queue:unrelated.in
                          steps:
                            - to: jms:queue:unrelated.out
                    """);
            jms.send("unrelated.in", "still flowing");
            assertEquals("still flowing", jms.receive("unrelated.out", 30_000));
            server.start();
            awaitStatus("partner-a", "UP");

            // The secret never appears in clear; JMX does not even show the encrypted form.
            assertSecretHidden("sftp", "partner-a", SFTP_PASSWORD);
            String jmx = console.get("read/" + MBEAN + "/Connectors").body();
            assertFalse(jmx.contains(password));
            assertTrue(jmx, jmx.contains("********"));

            Files.delete(flows.resolve("from-partner.yaml"));
            Files.delete(flows.resolve("to-partner.yaml"));
            Files.delete(flows.resolve("unrelated.yaml"));
            Files.delete(etc.resolve("conflux.connector.sftp-partner-a.cfg"));
            awaitGone("partner-a");
        }
    }

    /** Copies a file into a directory the way a careful producer does: under a hidden name, then renamed. */
    static void handOver(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path hidden = target.resolveSibling("." + target.getFileName() + ".copying");
        Files.copy(source, hidden);
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for the file to be complete, then checks what a reader polling its directory saw meanwhile. */
    static void assertHandedOverWhole(PollingReader reader, Path file, byte[] content) throws Exception {
        Await.until("the reader to see " + file + " complete", Duration.ofMinutes(2),
                () -> reader.sizesSeen().contains((long) content.length));
        reader.close();
        List<Long> partial = reader.sizesSeen().stream().filter(size -> size < content.length).toList();
        assertTrue("the reader saw the final name " + partial.size() + " times with fewer bytes than the source ("
                + content.length + "), first " + partial.subList(0, Math.min(5, partial.size())), partial.isEmpty());
        assertTrue("the file holds exactly the source's bytes", Arrays.equals(content, Files.readAllBytes(file)));
    }

    @Test
    public void aReaderPollingTheTargetDirectoryNeverSeesAPartialFile() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(14).nextBytes(content);
        Path source = Files.write(work.resolve("twenty-mb.bin"), content);
        try (SftpServer server = new SftpServer(work.resolve("handover-sftp"), "partner", SFTP_PASSWORD)) {
            Files.createDirectories(server.root().resolve("outbox"));
            Path drop = work.resolve("handover-drop");
            cfg("sftp", "handover-partner", "host = 127.0.0.1\nport = " + server.port + "\nusername = partner\n"
                    + "knownHostsFile = " + server.knownHosts() + "\npassword = " + encrypt(SFTP_PASSWORD) + "\n");
            cfg("file", "handover-drop", "directory = " + drop + "\n");
            awaitStatus("handover-partner", "UP");
            awaitStatus("handover-drop", "UP");
            deployFlow("handover", """
                    - route:
                        from:
                          uri: handover-drop:to-partner
                          steps:
                            - to: handover-partner:inbox
                    - route:
                        from:
                          uri: handover-partner:outbox?delay=200&binary=true&streamDownload=true&stepwise=false
                          steps:
                            - to: handover-drop:from-partner
                    """);

            // Upload over sftp, while the partner polls its inbox every 10 ms.
            Path uploaded = server.root().resolve("inbox/big.bin");
            try (PollingReader partner = new PollingReader(uploaded)) {
                handOver(source, drop.resolve("to-partner/big.bin"));
                assertHandedOverWhole(partner, uploaded, content);
                // The upload takes a second or more: long enough that the partner saw it under its temporary name,
                // so it would have seen a partial file had it been written under its final name (it does then).
                assertTrue("the partner saw the upload in progress: " + partner.otherNames(),
                        partner.otherNames().contains(".inprogress-big.bin"));
            }

            // A file write (streamed from the partner's outbox), while a local reader polls the directory.
            Path written = drop.resolve("from-partner/big.bin");
            try (PollingReader local = new PollingReader(written)) {
                handOver(source, server.root().resolve("outbox/big.bin"));
                assertHandedOverWhole(local, written, content);
            }

            Files.delete(flows.resolve("handover.yaml"));
            Files.delete(etc.resolve("conflux.connector.sftp-handover-partner.cfg"));
            Files.delete(etc.resolve("conflux.connector.file-handover-drop.cfg"));
            awaitGone("handover-partner");
            awaitGone("handover-drop");
        }
    }

    // ---- jms ------------------------------------------------------------------------------------------------------

    @Test
    public void jmsInstancesReachASecondBrokerOverCoreAndAmqp() throws Exception {
        try (SecondBroker broker = new SecondBroker(work.resolve("second-broker"), "partner", BROKER_PASSWORD)) {
            int port = broker.port;
            String password = encrypt(BROKER_PASSWORD);
            String core = "url = tcp://127.0.0.1:" + port + "\nusername = partner\nconnectTimeout = 3s\n";
            String amqp = "url = amqp://127.0.0.1:" + port + "\nusername = partner\nconnectTimeout = 3s\n";
            cfg("jms", "partner-core", core + "password = " + password + "\n");
            cfg("jms", "partner-amqp", amqp + "password = " + password + "\n");
            assertTrue(awaitStatus("partner-core", "UP").contains("Artemis core, partner at tcp://127.0.0.1:" + port));
            assertTrue(awaitStatus("partner-amqp", "UP").contains("AMQP 1.0, partner at amqp://127.0.0.1:" + port));

            deployFlow("to-second-broker", """
                    - route:
                        from:
                          uri: jms:queue:to.second.core
                          steps:
                            - to: partner-core:queue:second.in.core
                    - route:
                        from:
                          uri: jms:queue:to.second.amqp
                          steps:
                            - to: partner-amqp:queue:second.in.amqp
                    - route:
                        from:
                          uri: partner-amqp:queue:second.out
                          steps:
                            - to: jms:queue:from.second
                    """);
            try (Jms second = new Jms("tcp://127.0.0.1:" + port, "partner", BROKER_PASSWORD)) {
                jms.send("to.second.core", "over core");
                assertEquals("over core", second.receive("second.in.core", 30_000));
                jms.send("to.second.amqp", "over amqp");
                assertEquals("over amqp", second.receive("second.in.amqp", 30_000));
                second.send("second.out", "back home");
                assertEquals("back home", jms.receive("from.second", 30_000));
            }

            cfg("jms", "partner-core", core + "password = " + encrypt("not-it") + "\n");
            String denied = awaitStatus("partner-core", "DOWN");
            assertTrue(denied, denied.contains("authentication failed for partner at tcp://127.0.0.1:" + port));
            cfg("jms", "partner-core", core + "password = " + password + "\n");
            awaitStatus("partner-core", "UP");

            // The broker goes away and comes back: DOWN with the reason, then UP, and the consuming flow resumes.
            broker.stop();
            String gone = awaitStatus("partner-amqp", "DOWN");
            assertTrue(gone, gone.contains("host unreachable"));
            broker.start();
            awaitStatus("partner-amqp", "UP");
            try (Jms second = new Jms("tcp://127.0.0.1:" + port, "partner", BROKER_PASSWORD)) {
                second.send("second.out", "after the outage");
                assertEquals("after the outage", jms.receive("from.second", 60_000));
            }

            assertSecretHidden("jms", "partner-core", BROKER_PASSWORD);

            Files.delete(flows.resolve("to-second-broker.yaml"));
            Files.delete(etc.resolve("conflux.connector.jms-partner-core.cfg"));
            Files.delete(etc.resolve("conflux.connector.jms-partner-amqp.cfg"));
            awaitGone("partner-core");
            awaitGone("partner-amqp");
        }
    }

    // ---- soap -----------------------------------------------------------------------------------------------------

    @Test
    public void soapInstanceCallsARealServiceFromItsWsdl() throws Exception {
        try (BillingService server = new BillingService("conflux", SOAP_PASSWORD)) {
            int port = server.port;
            String password = encrypt(SOAP_PASSWORD);
            String settings = "address = http://127.0.0.1:" + port + "/billing\nusername = conflux\nconnectTimeout = 2s\n";
            cfg("soap", "billing", settings + "password = " + password + "\n");
            assertTrue(awaitStatus("billing", "UP").contains("WSDL served at http://127.0.0.1:" + port + "/billing?wsdl"));

            deployFlow("charge", """
                    - route:
                        from:
                          uri: jms:queue:charge.in
                          steps:
                            - setBody:
                                simple: "<b:charge xmlns:b='urn:test:billing'><b:amount>${body}</b:amount></b:charge>"
                            - to: billing:charge
                            - convertBodyTo:
                                type: String
                            - to: jms:queue:charge.out
                    """);
            jms.send("charge.in", "42");
            String reply = jms.receive("charge.out", 30_000);
            assertTrue("the reply payload carries the service's receipt: " + reply, reply != null
                    && reply.contains("chargeResponse") && reply.contains(">R-42</"));

            // With the WSDL (a local copy, as for a protected WSDL): the operation is called by name.
            Path wsdl = work.resolve("billing.wsdl");
            Files.writeString(wsdl, server.wsdl());
            cfg("soap", "billing-wsdl", settings + "password = " + password + "\nwsdlUrl = " + wsdl.toUri() + "\n");
            awaitStatus("billing-wsdl", "UP");
            deployFlow("charge-wsdl", """
                    - route:
                        from:
                          uri: jms:queue:charge.wsdl.in
                          steps:
                            - setBody:
                                simple: "<b:charge xmlns:b='urn:test:billing'><b:amount>${body}</b:amount></b:charge>"
                            - to: billing-wsdl:charge
                            - convertBodyTo:
                                type: String
                            - to: jms:queue:charge.wsdl.out
                    """);
            jms.send("charge.wsdl.in", "99");
            String byName = jms.receive("charge.wsdl.out", 30_000);
            assertTrue(byName, byName != null && byName.contains(">R-99</"));
            Files.delete(flows.resolve("charge-wsdl.yaml"));
            Files.delete(etc.resolve("conflux.connector.soap-billing-wsdl.cfg"));

            cfg("soap", "billing", settings + "password = " + encrypt("wrong") + "\n");
            String denied = awaitStatus("billing", "DOWN");
            assertTrue(denied, denied.contains("authentication failed: HTTP 401"));
            cfg("soap", "billing", settings + "password = " + password + "\n");
            awaitStatus("billing", "UP");

            server.stop();
            assertTrue(awaitStatus("billing", "DOWN").contains("host unreachable"));
            server.start();
            awaitStatus("billing", "UP");
            jms.send("charge.in", "7");
            String again = jms.receive("charge.out", 30_000);
            assertTrue(again, again != null && again.contains("R-7"));

            assertSecretHidden("soap", "billing", SOAP_PASSWORD);

            Files.delete(flows.resolve("charge.yaml"));
            Files.delete(etc.resolve("conflux.connector.soap-billing.cfg"));
            awaitGone("billing");
        }
    }

    // ---- a connector type from the archetype ----------------------------------------------------------------------

    @Test
    public void aConnectorTypeGeneratedFromTheArchetypePlugsIn() throws Exception {
        Path jar = Path.of(System.getProperty("conflux.archetype.connector.jar"));
        assertTrue("the archetype's generated project was built: " + jar, Files.isRegularFile(jar));
        String token = "token-" + UUID.randomUUID();
        try (LineServer server = new LineServer(token)) {
            cfg("lines", "legacy", "host = 127.0.0.1\nport = " + server.port() + "\ntoken = " + encrypt(token) + "\n");
            assertTrue(awaitStatus("legacy", "INVALID").contains("unknown connector type 'lines'"));

            String bundles = "org.apache.karaf:type=bundle,name=root";
            long id = console.exec(bundles, "install(java.lang.String,boolean)", jar.toUri().toString(), "true").asLong();
            assertTrue(awaitStatus("legacy", "UP").contains("127.0.0.1:" + server.port()));
            assertTrue(shell.run("conflux:connector-types").contains("conflux.connector.lines"));

            deployFlow("legacy-call", """
                    - route:
                        from:
                          uri: jms:queue:legacy.in
                          steps:
                            - to: legacy:call
                            - to: jms:queue:legacy.out
                    """);
            jms.send("legacy.in", "hello legacy");
            assertEquals("echo: hello legacy", jms.receive("legacy.out", 30_000));
            assertSecretHidden("lines", "legacy", token);

            // Uninstalling the type leaves its instances visible, and says why they do nothing.
            console.exec(bundles, "uninstall(java.lang.String)", String.valueOf(id));
            assertTrue(awaitStatus("legacy", "INVALID").contains("unknown connector type 'lines'"));

            Files.delete(flows.resolve("legacy-call.yaml"));
            Files.delete(etc.resolve("conflux.connector.lines-legacy.cfg"));
            awaitGone("legacy");
        }
    }

    // ---- sql ------------------------------------------------------------------------------------------------------

    static List<String> items(Postgres db) throws Exception {
        List<String> items = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), "conflux", DB_PASSWORD);
                ResultSet rs = c.createStatement().executeQuery("select item from orders order by item")) {
            while (rs.next()) {
                items.add(rs.getString(1));
            }
        }
        return items;
    }

    @Test
    public void sqlInstanceAgainstARealPostgresql() throws Exception {
        try (Postgres db = new Postgres(ConfluxDistribution.freePort(), "conflux", DB_PASSWORD)) {
            try (Connection c = DriverManager.getConnection(db.url(), "conflux", DB_PASSWORD)) {
                c.createStatement().execute("create table orders (id serial primary key, item text not null)");
            }
            String password = encrypt(DB_PASSWORD);
            String settings = "url = " + db.url() + "\nusername = conflux\nmaxPoolSize = 4\nconnectTimeout = 3s\n";
            cfg("sql", "orders-db", settings + "password = " + password + "\n");
            String up = awaitStatus("orders-db", "UP");
            assertTrue(up, up.contains("PostgreSQL") && up.contains(db.url()));

            deployFlow("orders-sql", """
                    - route:
                        from:
                          uri: jms:queue:orders.sql.in
                          steps:
                            - setHeader:
                                name: item
                                simple: "${body}"
                            - to: "orders-db:insert into orders (item) values (:#item)"
                    - route:
                        from:
                          uri: jms:queue:orders.sql.query
                          steps:
                            - to: "orders-db:select item from orders order by item"
                            - setBody:
                                simple: "${body.size()} ${body[0][item]}"
                            - to: jms:queue:orders.sql.result
                    """);
            jms.send("orders.sql.in", "widget");
            Await.until("the row inserted by the flow", Duration.ofSeconds(30), () -> items(db).equals(List.of("widget")));
            jms.send("orders.sql.query", "go");
            assertEquals("1 widget", jms.receive("orders.sql.result", 30_000));

            cfg("sql", "orders-db", settings + "password = " + encrypt("nope") + "\n");
            String denied = awaitStatus("orders-db", "DOWN");
            assertTrue(denied, denied.contains("authentication failed for user conflux"));
            cfg("sql", "orders-db", settings + "password = " + password + "\n");
            awaitStatus("orders-db", "UP");

            db.stop();
            String gone = awaitStatus("orders-db", "DOWN");
            assertTrue(gone, gone.contains("host unreachable: connection refused"));
            db.start();
            awaitStatus("orders-db", "UP");
            jms.send("orders.sql.in", "bolt");
            Await.until("the row inserted after the outage", Duration.ofSeconds(60),
                    () -> items(db).equals(List.of("bolt", "widget")));

            assertSecretHidden("sql", "orders-db", DB_PASSWORD);

            Files.delete(flows.resolve("orders-sql.yaml"));
            Files.delete(etc.resolve("conflux.connector.sql-orders-db.cfg"));
            awaitGone("orders-db");
        }
    }

    // ---- mail -----------------------------------------------------------------------------------------------------

    @Test
    public void mailInstanceSendsOverSmtpAndPollsImap() throws Exception {
        try (MailServer mail = new MailServer("orders@example.com", MAIL_PASSWORD)) {
            int smtp = mail.smtpPort;
            int imap = mail.imapPort;
            String password = encrypt(MAIL_PASSWORD);
            // GreenMail speaks plain SMTP/IMAP on loopback; real servers use the defaults (starttls, tls).
            String settings = "smtpHost = 127.0.0.1\nsmtpPort = " + smtp + "\nsmtpSecurity = none\n"
                    + "receiveHost = 127.0.0.1\nreceivePort = " + imap + "\nreceiveSecurity = none\n"
                    + "username = orders@example.com\nconnectTimeout = 3s\n";
            cfg("mail", "orders-mail", settings + "password = " + password + "\n");
            String up = awaitStatus("orders-mail", "UP");
            assertTrue(up, up.contains("smtp://127.0.0.1:" + smtp) && up.contains("imap://127.0.0.1:" + imap));

            deployFlow("mail-out", """
                    - route:
                        from:
                          uri: jms:queue:mail.out
                          steps:
                            - setHeader:
                                name: subject
                                constant: Order confirmation
                            - to: orders-mail:send?to=customer@example.com
                    """);
            jms.send("mail.out", "Your order 42 is confirmed.");
            assertTrue("the mail reached the SMTP server", mail.awaitMails(30_000, 1));
            MimeMessage sent = mail.received()[0];
            assertEquals("Order confirmation", sent.getSubject());
            assertEquals("orders@example.com", sent.getFrom()[0].toString());
            assertTrue(GreenMailUtil.getBody(sent).contains("Your order 42 is confirmed."));

            deployFlow("mail-in", """
                    - route:
                        from:
                          uri: orders-mail:INBOX?delay=500
                          steps:
                            - setBody:
                                simple: "${header.subject}: ${body}"
                            - to: jms:queue:mail.in
                    """);
            mail.deliver("partner@example.com", "Order 9", "two boxes");
            String polled = jms.receive("mail.in", 30_000);
            assertTrue(polled, polled != null && polled.startsWith("Order 9: two boxes"));
            Files.delete(flows.resolve("mail-in.yaml"));

            cfg("mail", "orders-mail", settings + "password = " + encrypt("wrong") + "\n");
            String denied = awaitStatus("orders-mail", "DOWN");
            assertTrue(denied, denied.contains("authentication failed for orders@example.com"));
            cfg("mail", "orders-mail", settings + "password = " + password + "\n");
            awaitStatus("orders-mail", "UP");

            mail.stop();
            assertTrue(awaitStatus("orders-mail", "DOWN").contains("host unreachable: connection refused"));
            mail.start();
            awaitStatus("orders-mail", "UP");

            assertSecretHidden("mail", "orders-mail", MAIL_PASSWORD);

            Files.delete(flows.resolve("mail-out.yaml"));
            Files.delete(etc.resolve("conflux.connector.mail-orders-mail.cfg"));
            awaitGone("orders-mail");
        }
    }

    // ---- http -----------------------------------------------------------------------------------------------------

    @Test
    public void httpInstanceAgainstARealServerWithAuthRetriesAndHealth() throws Exception {
        try (OrdersApi server = new OrdersApi("conflux", HTTP_PASSWORD)) {
            String password = encrypt(HTTP_PASSWORD);
            String settings = "baseUrl = " + server.baseUrl() + "\nusername = conflux\nhealthPath = health\n"
                    + "retries = 2\nretryDelay = 200ms\nconnectTimeout = 2s\n";
            cfg("http", "orders-api", settings + "password = " + password + "\n");
            String up = awaitStatus("orders-api", "UP");
            assertTrue(up, up.contains("HTTP 200"));

            deployFlow("post-orders", """
                    - route:
                        from:
                          uri: jms:queue:orders.http.in
                          steps:
                            - setHeader:
                                name: CamelHttpMethod
                                constant: POST
                            - to: orders-api:orders
                            - convertBodyTo:
                                type: String
                            - to: jms:queue:orders.http.out
                    """);
            jms.send("orders.http.in", "order 42");
            assertEquals("accepted order 42 by POST", jms.receive("orders.http.out", 30_000));

            // A 503 on an idempotent GET is retried by the connector; the flow sees the second answer.
            deployFlow("get-flaky", """
                    - route:
                        from:
                          uri: jms:queue:flaky.in
                          steps:
                            - setHeader:
                                name: CamelHttpMethod
                                constant: GET
                            - to: orders-api:flaky
                            - convertBodyTo:
                                type: String
                            - to: jms:queue:flaky.out
                    """);
            jms.send("flaky.in", "go");
            assertEquals("second time lucky", jms.receive("flaky.out", 30_000));
            assertEquals("one failed call and one retry", 2, server.flakyCalls.get());

            cfg("http", "orders-api", settings + "password = " + encrypt("wrong") + "\n");
            String denied = awaitStatus("orders-api", "DOWN");
            assertTrue(denied, denied.contains("authentication failed: HTTP 401"));
            cfg("http", "orders-api", settings + "password = " + password + "\n");
            awaitStatus("orders-api", "UP");

            server.stop();
            String refused = awaitStatus("orders-api", "DOWN");
            assertTrue(refused, refused.contains("host unreachable"));
            server.start();
            awaitStatus("orders-api", "UP");

            assertSecretHidden("http", "orders-api", HTTP_PASSWORD);

            Files.delete(flows.resolve("post-orders.yaml"));
            Files.delete(flows.resolve("get-flaky.yaml"));
            Files.delete(etc.resolve("conflux.connector.http-orders-api.cfg"));
            awaitGone("orders-api");
        }
    }
}
