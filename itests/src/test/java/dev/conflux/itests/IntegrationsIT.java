package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Citizen integrators (docs/citizen-integrators.md) in the dev distribution and the test environment's: an
 * integrator builds "SFTP pickup to queue" from its template in the console (headless Chromium,
 * src/test/e2e/integrations.mjs), tries it on a sample without anything reaching the queue, submits it; an
 * approver approves it; a file the partner leaves on the SFTP server (Apache MINA SSHD) becomes a message on the
 * queue (JMS). The server refuses what the console does not offer: another integrator's changes, a viewer's use,
 * hostile parameter values. Every shipped template makes a valid flow. An integration exported from dev is imported
 * into the test environment (its own launcher), where four eyes are required, approved there and runs there.
 */
public class IntegrationsIT {

    static final String INTEGRATOR = "alice";
    static final String INTEGRATOR_PASSWORD = "alice-" + UUID.randomUUID();
    static final String OTHER_INTEGRATOR = "carol";
    static final String OTHER_PASSWORD = "carol-" + UUID.randomUUID();
    static final String APPROVER = "bob";
    static final String APPROVER_PASSWORD = "bob-" + UUID.randomUUID();
    static final String SFTP_PASSWORD = "sftp-" + UUID.randomUUID();
    static final String MBEAN = "conflux:type=integrations";

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers().and(
            editConfigurationFilePut("etc/users.properties", INTEGRATOR, INTEGRATOR_PASSWORD + ",_g_:integrators"),
            editConfigurationFilePut("etc/users.properties", OTHER_INTEGRATOR, OTHER_PASSWORD + ",_g_:integrators"),
            editConfigurationFilePut("etc/users.properties", APPROVER, APPROVER_PASSWORD + ",_g_:approvers"));

    static Jolokia admin;
    static Jolokia alice;
    static Jolokia carol;
    static Jolokia bob;
    static Jms jms;
    static Path etc;
    static SftpServer sftp;
    static Path outbox;

    @BeforeClass
    public static void ready() throws Exception {
        ConsoleUiIT.installPlaywright();
        admin = CONFLUX.admin();
        alice = CONFLUX.jolokia(INTEGRATOR, INTEGRATOR_PASSWORD);
        carol = CONFLUX.jolokia(OTHER_INTEGRATOR, OTHER_PASSWORD);
        bob = CONFLUX.jolokia(APPROVER, APPROVER_PASSWORD);
        jms = CONFLUX.jms();
        etc = CONFLUX.home().toPath().resolve("etc");
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "integrations-");
        sftp = new SftpServer(work.resolve("sftp"), "partner", SFTP_PASSWORD);
        outbox = Files.createDirectories(sftp.root().resolve("exchange/outbox"));
        Files.createDirectories(sftp.root().resolve("exchange/invoices"));
        Shell shell = CONFLUX.shell();
        String sftpSettings = sftpSettings(shell);
        // IT publishes partner-a to integrators; core-banking stays theirs alone.
        ConnectorsIT.write(etc.resolve("conflux.connector.sftp-partner-a.cfg"), sftpSettings + "published = true\n");
        ConnectorsIT.write(etc.resolve("conflux.connector.sftp-core-banking.cfg"), sftpSettings);
        Path files = Files.createDirectories(work.resolve("files"));
        ConnectorsIT.write(etc.resolve("conflux.connector.file-shared-drive.cfg"), "directory = " + files + "\npublished = true\n");
        ConnectorsIT.write(etc.resolve("conflux.connector.http-crm-api.cfg"), "baseUrl = http://127.0.0.1:9/api\npublished = true\n");
        ConnectorsIT.write(etc.resolve("conflux.connector.sql-shop-db.cfg"),
                "url = jdbc:postgresql://127.0.0.1:9/shop\nusername = shop\npublished = true\n");
        ConnectorsIT.write(etc.resolve("conflux.connector.mail-office.cfg"),
                "smtpHost = 127.0.0.1\nsmtpPort = 9\nusername = office@example.com\npublished = true\n");
        Await.until("the published connections offered to an integrator", Duration.ofMinutes(1), () -> {
            String offered = templates(alice).toString();
            return offered.contains("partner-a") && offered.contains("shared-drive") && offered.contains("crm-api")
                    && offered.contains("shop-db") && offered.contains("office");
        });
    }

    @AfterClass
    public static void stopSftp() throws Exception {
        if (sftp != null) {
            sftp.close();
        }
    }

    static String sftpSettings(Shell shell) throws Exception {
        String out = shell.run("conflux:secret-encrypt " + SFTP_PASSWORD);
        String encrypted = out.substring(out.indexOf("ENC(")).strip().split("\\s")[0];
        return "host = 127.0.0.1\nport = " + sftp.port + "\nusername = partner\nknownHostsFile = " + sftp.knownHosts()
                + "\ndirectory = exchange\nconnectTimeout = 5s\npassword = " + encrypted + "\n";
    }

    static JsonNode json(JsonNode value) throws Exception {
        return Http.JSON.readTree(value.asText());
    }

    static JsonNode templates(Jolokia who) throws Exception {
        return json(who.exec(MBEAN, "templates"));
    }

    static String params(Map<String, String> values) throws Exception {
        return Http.JSON.writeValueAsString(values);
    }

    /** An integration as its owner sees it (admin: any). */
    static JsonNode integration(Jolokia who, String name) throws Exception {
        return json(who.exec(MBEAN, "get", name));
    }

    /** The version an approver reviews: the pending integration's updatedAt, as the Approvals page shows it. */
    static String reviewed(Jolokia approver, String name) throws Exception {
        for (JsonNode i : json(approver.exec(MBEAN, "pending"))) {
            if (name.equals(i.path("name").asText())) {
                return i.path("updatedAt").asText();
            }
        }
        throw new AssertionError(name + " is not waiting for " + approver.user() + "'s decision");
    }

    static String refusal(JsonNode answer) {
        assertNotEquals("refused: " + answer, 200, answer.path("status").asInt());
        return answer.path("error").asText();
    }

    @Test
    public void anIntegratorBuildsTriesAndSubmitsAnSftpPickupAnApproverApprovesItAndAPartnerFileBecomesAMessage()
            throws Exception {
        Path shots = ConsoleUiIT.SCREENSHOTS.resolve("integrations");
        String output = ConsoleUiIT.run(List.of("node", "integrations.mjs"), Map.ofEntries(
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("SCREENSHOTS", shots.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", ConsoleUiIT.chromium()),
                Map.entry("INTEGRATOR_USER", INTEGRATOR), Map.entry("INTEGRATOR_PASSWORD", INTEGRATOR_PASSWORD),
                Map.entry("APPROVER_USER", APPROVER), Map.entry("APPROVER_PASSWORD", APPROVER_PASSWORD),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD),
                Map.entry("TEMPLATE_SEARCH", "sftp"), Map.entry("TEMPLATE", "sftp-to-queue"),
                Map.entry("INTEGRATION_NAME", "partner-orders"), Map.entry("CONNECTOR", "partner-a"),
                Map.entry("UNPUBLISHED_CONNECTOR", "core-banking"), Map.entry("DIRECTORY", "outbox"),
                Map.entry("QUEUE", "partner.orders"), Map.entry("SAMPLE_BODY", "<order id=\"sample\"/>")),
                Duration.ofMinutes(6));
        assertTrue(output, output.contains("integrations page OK"));

        // What the browser did, checked on the server.
        JsonNode made = integration(admin, "partner-orders");
        assertEquals("APPROVED", made.path("status").asText());
        assertEquals(INTEGRATOR, made.path("owner").asText());
        assertEquals(APPROVER, made.path("decidedBy").asText());
        assertEquals("ok for partner A", made.path("comment").asText());
        Await.until("flow partner-orders started", Duration.ofMinutes(1), () -> "STARTED".equals(
                admin.exec("conflux:type=flows", "info", "partner-orders").path("state").asText()));
        String flowFile = Files.readString(CONFLUX.home().toPath().resolve("flows/partner-orders.yaml"));
        assertTrue(flowFile, flowFile.contains("Approved by " + APPROVER) && flowFile.contains("author " + INTEGRATOR));
        assertNull("the trial sent nothing to the queue", jms.receive("partner.orders", 1_000));

        Files.writeString(outbox.resolve(".order-7.tmp"), "<order id=\"7\"/>");
        Files.move(outbox.resolve(".order-7.tmp"), outbox.resolve("order-7.xml"));
        assertEquals("<order id=\"7\"/>", jms.receive("partner.orders", 90_000));

        List<String> trail = new ArrayList<>();
        for (JsonNode e : admin.exec("conflux:type=audit", "entries", 200)) {
            if ("partner-orders".equals(e.path("target").asText())) {
                trail.add(e.path("user").asText() + " " + e.path("action").asText() + " " + e.path("result").asText());
            }
        }
        assertTrue(trail.toString(), trail.contains(INTEGRATOR + " integration.submit OK"));
        assertTrue(trail.toString(), trail.contains(APPROVER + " integration.approve OK"));
        for (String shot : List.of("gallery", "wizard-try", "my-integrations", "approvals")) {
            Path png = shots.resolve(shot + ".png");
            assertTrue(png + " saved", Files.isRegularFile(png) && Files.size(png) > 10_000);
        }
    }

    @Test
    public void theServerRefusesWhatTheConsoleDoesNotOfferAndNeutralisesNothing() throws Exception {
        Map<String, String> good = Map.of("source", "partner-a", "directory", "refused", "queue", "carol.q");
        json(alice.exec(MBEAN, "save", "alice-only", "Alice's", "sftp-to-queue", params(good)));

        // Another integrator: cannot see, change, submit, pause or delete it, and does not get it listed.
        assertTrue(refusal(carol.execAnswer(MBEAN, "save", "alice-only", "Mine", "sftp-to-queue", params(good)))
                .contains("belongs to alice"));
        refusal(carol.execAnswer(MBEAN, "get", "alice-only"));
        refusal(carol.execAnswer(MBEAN, "submit", "alice-only"));
        refusal(carol.execAnswer(MBEAN, "delete", "alice-only"));
        refusal(carol.execAnswer(MBEAN, "exportIntegration", "alice-only"));
        assertFalse(json(carol.exec(MBEAN, "mine")).toString().contains("alice-only"));

        // A viewer and an operator do not reach the templates at all.
        Jolokia viewer = CONFLUX.jolokia(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        refusal(viewer.execAnswer(MBEAN, "templates"));
        refusal(viewer.execAnswer(MBEAN, "save", "viewer-one", "V", "sftp-to-queue", params(good)));
        // An integrator has none of the support staff's rights.
        refusal(alice.execAnswer("conflux:type=flows", "stop", "partner-orders"));
        refusal(alice.readAnswer("conflux:type=queues", "Queues"));

        // An unpublished connection and hostile values are refused next to their field; nothing is saved.
        for (Map.Entry<String, String> hostile : List.of(Map.entry("source", "core-banking"),
                Map.entry("directory", "x&delete=true"), Map.entry("directory", "{{karaf.home}}"),
                Map.entry("directory", "${sys:user.home}"), Map.entry("directory", "../../etc"),
                Map.entry("queue", "orders\n- to: log:x"), Map.entry("queue", "DLQ.orders"))) {
            Map<String, String> values = new java.util.HashMap<>(good);
            values.put(hostile.getKey(), hostile.getValue());
            JsonNode checked = json(alice.exec(MBEAN, "check", "sftp-to-queue", params(values)));
            assertEquals(hostile + ": " + checked, hostile.getKey(), checked.path("problems").get(0).path("field").asText());
            assertTrue(checked.path("flow").isNull());
            String refused = refusal(alice.execAnswer(MBEAN, "save", "hostile-" + Math.abs(hostile.hashCode() % 1000),
                    "H", "sftp-to-queue", params(values)));
            assertFalse("no class names: " + refused, refused.matches(".*\\bdev\\.conflux\\..*"));
        }
        assertFalse(json(alice.exec(MBEAN, "mine")).toString().contains("hostile-"));
    }

    /** One realistic value set per shipped template (connections: the instances published above). */
    static final Map<String, Map<String, String>> EXAMPLES = Map.of(
            "sftp-to-queue", Map.of("source", "partner-a", "directory", "outbox", "fileSuffix", ".xml",
                    "interval", "1m", "queue", "partner.orders"),
            "queue-to-rest", Map.of("queue", "crm.updates", "target", "crm-api", "path", "customers/updates",
                    "method", "PUT", "contentType", "application/json"),
            "webform-to-email", Map.of("path", "events/sign-up", "mail", "office", "to", "events@example.com",
                    "subject", "Sign-up: \"{quoted}\" & more: #1", "reply", "Thanks!"),
            "table-to-queue", Map.of("database", "shop-db", "table", "orders", "keyColumn", "id",
                    "statusColumn", "status", "newValue", "NEW", "doneValue", "SENT", "interval", "1m", "queue", "orders.new"),
            "csv-to-json-messages", Map.of("source", "shared-drive", "directory", "csv/in", "interval", "30s",
                    "queue", "lines"),
            "scheduled-rest-poll-to-file", Map.of("interval", "15m", "api", "crm-api", "path", "reports/daily",
                    "target", "shared-drive", "directory", "reports", "fileNamePrefix", "daily-", "extension", "json"),
            "route-by-field", Map.of("input", "orders.in", "field", "customer.country", "valueA", "DE", "queueA",
                    "orders.de", "valueB", "FR", "queueB", "orders.fr", "defaultQueue", "orders.other"),
            "queue-to-file", Map.of("queue", "invoices.outgoing", "target", "shared-drive", "directory",
                    "archive/invoices", "fileNamePrefix", "invoice-", "extension", "xml"),
            "queue-to-sftp", Map.of("queue", "invoices.partner-a", "target", "partner-a", "directory", "inbox",
                    "fileNamePrefix", "invoice-", "extension", "xml"));

    @Test
    public void everyShippedTemplateIsOfferedAndItsExampleValuesMakeAFlowTheRuntimeAccepts() throws Exception {
        List<String> offered = new ArrayList<>();
        templates(alice).forEach(t -> offered.add(t.path("id").asText()));
        assertTrue("at least seven templates: " + offered, offered.size() >= 7);
        assertTrue(offered + " has an example each", EXAMPLES.keySet().containsAll(offered));
        for (String id : offered) {
            JsonNode checked = json(alice.exec(MBEAN, "check", id, params(EXAMPLES.get(id))));
            assertEquals(id + ": " + checked.path("problems"), 0, checked.path("problems").size());
            assertTrue(id, checked.path("flow").asText().contains("- route:"));
        }
        String problems = CONFLUX.shell().run("conflux:template-list");
        assertFalse("every shipped template file is valid:\n" + problems, problems.contains("Not published"));
    }

    @Test
    public void anIntegrationExportedFromDevIsImportedIntoTheTestEnvironmentApprovedByAnotherUserAndRuns()
            throws Exception {
        Map<String, String> values = Map.of("source", "partner-a", "directory", "invoices", "interval", "5s",
                "queue", "partner.invoices");
        json(alice.exec(MBEAN, "save", "partner-invoices", "Partner A invoices", "sftp-to-queue", params(values)));
        json(alice.exec(MBEAN, "submit", "partner-invoices"));
        json(bob.exec(MBEAN, "approve", "partner-invoices", reviewed(bob, "partner-invoices"), "fine in dev"));
        String document = alice.exec(MBEAN, "exportIntegration", "partner-invoices").asText();
        assertTrue(document, document.contains("template: \"sftp-to-queue\"") || document.contains("template: sftp-to-queue"));
        assertFalse("an export carries no flow", document.contains("route"));

        try (LaunchedConflux test = new LaunchedConflux("conflux.distribution.test")) {
            test.user(OTHER_INTEGRATOR, OTHER_PASSWORD, "integrators").user(APPROVER, APPROVER_PASSWORD, "approvers");
            test.start();
            try (Shell shell = test.shell()) {
                ConnectorsIT.write(test.home.resolve("etc/conflux.connector.sftp-partner-a.cfg"),
                        sftpSettings(shell) + "published = true\n");
            }
            Jolokia carolThere = test.jolokia(OTHER_INTEGRATOR, OTHER_PASSWORD);
            Jolokia bobThere = test.jolokia(APPROVER, APPROVER_PASSWORD);
            assertEquals("four-eyes", json(Await.until("the integrations service of the test environment",
                    Duration.ofMinutes(2), () -> carolThere.exec(MBEAN, "whoAmI"))).path("approvalRule").asText());
            JsonNode imported = json(Await.until("partner-a offered there", Duration.ofMinutes(1), () -> {
                JsonNode answer = carolThere.execAnswer(MBEAN, "importIntegration", document);
                return answer.path("status").asInt() == 200 ? answer.path("value") : null;
            }));
            assertEquals("PENDING", imported.path("status").asText());
            assertEquals(OTHER_INTEGRATOR, imported.path("owner").asText());
            assertTrue(refusal(carolThere.execAnswer(MBEAN, "approve", "partner-invoices",
                    imported.path("updatedAt").asText(), "mine")).contains("four eyes"));
            json(bobThere.exec(MBEAN, "approve", "partner-invoices", reviewed(bobThere, "partner-invoices"), "ok in test"));
            Jolokia adminThere = test.jolokia(LaunchedConflux.ADMIN, test.password);
            Await.until("the imported flow started in the test environment", Duration.ofMinutes(1), () -> "STARTED".equals(
                    adminThere.exec("conflux:type=flows", "info", "partner-invoices").path("state").asText()));

            // Dev's copy runs too and would take the file: stop it, so the test environment's flow is the one that reads.
            json(alice.exec(MBEAN, "pause", "partner-invoices"));
            Await.until("dev's copy stopped", Duration.ofMinutes(1), () -> "STOPPED".equals(
                    admin.exec("conflux:type=flows", "info", "partner-invoices").path("state").asText()));
            Path invoices = sftp.root().resolve("exchange/invoices");
            Files.writeString(invoices.resolve(".inv-1.tmp"), "invoice 1");
            Files.move(invoices.resolve(".inv-1.tmp"), invoices.resolve("inv-1.txt"));
            try (Jms there = new Jms(test.brokerUrl(), LaunchedConflux.ADMIN, test.password)) {
                assertEquals("invoice 1", there.receive("partner.invoices", 90_000));
            }
        }
    }
}
