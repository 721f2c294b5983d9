package dev.conflux.integrations.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.conflux.integrations.api.FieldProblem;
import dev.conflux.integrations.api.Integration;
import dev.conflux.integrations.api.IntegrationException;
import dev.conflux.integrations.api.Requester;
import dev.conflux.integrations.api.Template;
import dev.conflux.integrations.api.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class IntegrationsTest {

    static final String PICKUP = """
            template:
              version: 2
              title: Files from an SFTP server to a queue
              category: Files
              parameters:
                - name: source
                  type: connector
                  connectorType: sftp
                - name: directory
                  type: path
                  default: outbox
                - name: interval
                  type: interval
                  default: 30s
                  min: 5s
                  max: 24h
                - name: queue
                  type: queue
                - name: note
                  type: text
                  required: false
              flow:
                - route:
                    from:
                      uri: "{{source}}:{{directory}}"
                      parameters:
                        delay: "{{interval}}"
                      steps:
                        - setHeader:
                            name: note
                            constant: "{{note}}"
                        - to: "jms:queue:{{queue}}"
            """;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Fakes.Flows flows = new Fakes.Flows();
    private final Fakes.Connectors connectors = new Fakes.Connectors().add("partner-a", "sftp", true)
            .add("core-banking", "sftp", false).add("api", "http", true);
    private final Fakes.Audit audit = new Fakes.Audit();
    private Path flowsDir;
    private Path templatesDir;
    private Governance governance = new Governance(Set.of("*"), Governance.FOUR_EYES);
    private Integrations integrations;

    static final Requester ALICE = new Requester("alice", Set.of("integrator"));
    static final Requester CAROL = new Requester("carol", Set.of("integrator"));
    static final Requester BOB = new Requester("bob", Set.of("approver", "viewer"));
    static final Requester VIEWER = new Requester("vera", Set.of("viewer"));

    @Before
    public void setUp() throws Exception {
        templatesDir = tmp.newFolder("templates").toPath();
        flowsDir = tmp.newFolder("flows").toPath();
        Files.writeString(templatesDir.resolve("sftp-to-queue.yaml"), PICKUP);
        integrations = new Integrations(new TemplateLibrary(templatesDir),
                new IntegrationStore(tmp.newFolder("data").toPath()), () -> governance, flows, connectors, audit,
                flowsDir, Clock.systemUTC());
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("source", "partner-a", "queue", "partner.orders"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<String> fieldsOf(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    public void anIntegratorSeesPublishedTemplatesWithOnlyThePublishedConnectorsOfTheRightType() {
        List<Template> offered = integrations.templates(ALICE);
        assertEquals(1, offered.size());
        assertEquals(List.of("partner-a"), offered.get(0).parameters().get(0).choices());
        governance = new Governance(Set.of("other"), Governance.FOUR_EYES);
        assertTrue(integrations.templates(ALICE).isEmpty());
        assertThrows(IntegrationException.class, () -> integrations.templates(VIEWER));
    }

    @Test
    public void hostileValuesAreRefusedNextToTheirField() {
        for (String hostile : List.of("x&delete=true", "in?fileName=/etc/passwd", "{{karaf.home}}", "${header.x}",
                "../../etc", "a\"\n- to: exec:rm", "out#frag", "a b")) {
            List<FieldProblem> problems = integrations.check("sftp-to-queue", values("directory", hostile), ALICE);
            assertEquals(hostile, List.of("directory"), fieldsOf(problems));
        }
        assertEquals(List.of("queue"), fieldsOf(integrations.check("sftp-to-queue", values("queue", "DLQ.orders"), ALICE)));
        assertEquals(List.of("queue"), fieldsOf(integrations.check("sftp-to-queue", values("queue", "q&x=1"), ALICE)));
        assertEquals(List.of("note"), fieldsOf(integrations.check("sftp-to-queue", values("note", "{{secret}}"), ALICE)));
        assertEquals(List.of("note"), fieldsOf(integrations.check("sftp-to-queue", values("note", "${exchange}"), ALICE)));
        assertEquals(List.of("interval"), fieldsOf(integrations.check("sftp-to-queue", values("interval", "1s"), ALICE)));
        assertEquals(List.of("source"), fieldsOf(integrations.check("sftp-to-queue", values("source", "core-banking"), ALICE)));
        assertEquals(List.of("source"), fieldsOf(integrations.check("sftp-to-queue", values("source", "api"), ALICE)));
        assertEquals(List.of("unknown"), fieldsOf(integrations.check("sftp-to-queue", values("unknown", "x"), ALICE)));
    }

    @Test
    public void freeTextIsWrittenAsOneQuotedScalarAndNeverBecomesFlowSteps() throws Exception {
        String note = "to: jms:queue:other\" ]\n- route: {from: {uri: 'timer:x'} } # & ? {x} $ done";
        String flow = integrations.render("sftp-to-queue", values("note", note, "interval", "2m"), ALICE);
        JsonNode routes = new ObjectMapper(new YAMLFactory()).readTree(flow);
        assertEquals(1, routes.size());
        JsonNode from = routes.get(0).get("route").get("from");
        assertEquals("partner-a:outbox", from.get("uri").asText());
        assertEquals(120000, from.get("parameters").get("delay").asInt());
        assertEquals(note, from.get("steps").get(0).get("setHeader").get("constant").asText());
        assertEquals("jms:queue:partner.orders", from.get("steps").get(1).get("to").asText());
        assertEquals(2, from.get("steps").size());
    }

    @Test
    public void theValidatorsProblemsComeBackNextToTheFieldWithoutClassNames() throws Exception {
        Files.writeString(templatesDir.resolve("opt.yaml"), PICKUP.replace("version: 2", "version: 1")
                .replace("- name: queue\n      type: queue", "- name: queue\n      type: queue\n    - name: option\n      type: string"
                        + "\n      pattern: '[a-z-]+'").replace("delay: \"{{interval}}\"", "delay: \"{{interval}}\"\n            {{option}}: \"1\""));
        // a key may not hold a parameter: the template is not published
        assertThrows(IntegrationException.class, () -> integrations.template("opt", ALICE));
        Files.writeString(templatesDir.resolve("opt.yaml"), PICKUP.replace("jms:queue:{{queue}}", "jms:queue:{{queue}}?{{queue}}=no-such-option"));
        List<FieldProblem> problems = integrations.check("opt", values("queue", "no-such-option"), ALICE);
        assertEquals(1, problems.size());
        assertEquals("queue", problems.get(0).field());
        assertEquals("unknown option no-such-option", problems.get(0).message());
    }

    @Test
    public void aTemplateWithAnUndeclaredPlaceholderOrFreeTextInAnEndpointIsNotPublished() throws Exception {
        Files.writeString(templatesDir.resolve("bad.yaml"), PICKUP.replace("jms:queue:{{queue}}", "jms:queue:{{queues}}"));
        Files.writeString(templatesDir.resolve("bad-text.yaml"), PICKUP.replace("jms:queue:{{queue}}", "jms:queue:{{note}}"));
        assertEquals(List.of("sftp-to-queue"), integrations.templates(ALICE).stream().map(Template::id).toList());
        TemplateLibrary library = new TemplateLibrary(templatesDir);
        String problems = String.join("\n", library.problems());
        assertTrue(problems, problems.contains("bad.yaml: flow: {{queues}} is not a declared parameter"));
        assertTrue(problems, problems.contains("bad-text.yaml: flow: parameter note is free text and may not be used in an endpoint"));
    }

    @Test
    public void tryingSendsNothingAndShowsWhatWouldBeSent() throws Exception {
        Trial trial = integrations.tryOut("sftp-to-queue", values(), "<order/>", "order-1.xml", ALICE);
        assertEquals(1, trial.sent().size());
        assertEquals("jms:queue:partner.orders", trial.sent().get(0).endpoint());
        assertEquals("order-1.xml", trial.sent().get(0).headers().get("CamelFileName"));
        assertNull(trial.error());
        assertEquals("amount missing", integrations.tryOut("sftp-to-queue", values(), "fail", null, ALICE).error());
        assertEquals("integration.try", audit.entries.get(0).action());
        assertEquals("alice", audit.entries.get(0).user());
        assertEquals(List.of("queue"), fieldsOf(integrations.tryOut("sftp-to-queue", values("queue", "a b"), "x", null, ALICE).problems()));
        try (var files = java.nio.file.Files.list(flowsDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    public void fourEyesTheAuthorCannotApproveAnApproverDeploysAndEveryStepIsAudited() throws Exception {
        integrations.save("partner-orders", "Partner A orders", "sftp-to-queue", values(), ALICE);
        assertFalse(Files.exists(flowsDir.resolve("partner-orders.yaml")));
        assertEquals(Integration.Status.PENDING, integrations.submit("partner-orders", ALICE).status());
        IntegrationException own = assertThrows(IntegrationException.class,
                () -> integrations.approve("partner-orders", at(integrations, "partner-orders"), "mine", new Requester("alice", Set.of("integrator", "approver"))));
        assertTrue(own.getMessage(), own.getMessage().contains("four eyes"));
        assertEquals(List.of("partner-orders"), integrations.pending(BOB).stream().map(Integration::name).toList());
        assertTrue(integrations.pending(ALICE).isEmpty());
        Integration approved = integrations.approve("partner-orders", at(integrations, "partner-orders"), "ok for partner A", BOB);
        assertEquals(Integration.Status.APPROVED, approved.status());
        assertEquals("bob", approved.decidedBy());
        String file = Files.readString(flowsDir.resolve("partner-orders.yaml"));
        assertTrue(file, file.startsWith("# Approved by bob at "));
        assertTrue(file, file.contains("author alice"));
        assertTrue(file, file.contains("jms:queue:partner.orders"));
        assertEquals(List.of("integration.save", "integration.submit", "integration.approve", "integration.approve"),
                audit.entries.stream().map(e -> e.action()).toList());
        assertEquals("FAILED", audit.entries.get(2).result());
        assertEquals("alice", audit.entries.get(0).user());
        assertEquals("bob", audit.entries.get(3).user());
    }

    @Test
    public void anotherIntegratorCanNeitherSeeNorChangeAlicesIntegration() {
        integrations.save("partner-orders", "Partner A orders", "sftp-to-queue", values(), ALICE);
        assertTrue(integrations.mine(CAROL).isEmpty());
        assertThrows(IntegrationException.class, () -> integrations.save("partner-orders", "mine now", "sftp-to-queue", values(), CAROL));
        assertThrows(IntegrationException.class, () -> integrations.submit("partner-orders", CAROL));
        assertThrows(IntegrationException.class, () -> integrations.delete("partner-orders", CAROL));
        assertThrows(IntegrationException.class, () -> integrations.get("partner-orders", CAROL));
        assertThrows(IntegrationException.class, () -> integrations.export("partner-orders", CAROL));
        assertEquals("Partner A orders", integrations.mine(ALICE).get(0).title());
    }

    @Test
    public void aNameTakenByAnotherFlowIsRefused() {
        flows.run("orders", 0, 0, null);
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> integrations.save("orders", "x", "sftp-to-queue", values(), ALICE));
        assertEquals("name", e.problems().get(0).field());
        assertEquals("name", assertThrows(IntegrationException.class,
                () -> integrations.save("Bad Name", "x", "sftp-to-queue", values(), ALICE)).problems().get(0).field());
    }

    @Test
    public void selfApprovalWhereAllowedAndDeletionWithoutApproval() {
        governance = new Governance(Set.of("*"), Governance.SELF);
        integrations.save("mine", "Mine", "sftp-to-queue", values(), ALICE);
        integrations.submit("mine", ALICE);
        assertEquals(Integration.Status.APPROVED, integrations.approve("mine", at(integrations, "mine"), "", ALICE).status());
        assertTrue(Files.exists(flowsDir.resolve("mine.yaml")));
        integrations.delete("mine", ALICE);
        assertFalse(Files.exists(flowsDir.resolve("mine.yaml")));
        assertTrue(integrations.mine(ALICE).isEmpty());
    }

    @Test
    public void underFourEyesDeletingADeployedIntegrationWaitsForAnApprover() {
        deployAsAlice("gone");
        Integration asked = integrations.delete("gone", ALICE);
        assertEquals(Integration.Status.PENDING, asked.status());
        assertTrue(asked.deletion());
        assertTrue(Files.exists(flowsDir.resolve("gone.yaml")));
        integrations.approve("gone", at(integrations, "gone"), "", BOB);
        assertFalse(Files.exists(flowsDir.resolve("gone.yaml")));
    }

    @Test
    public void anEditKeepsTheDeployedVersionRunningUntilApproved() throws Exception {
        deployAsAlice("edit");
        String before = Files.readString(flowsDir.resolve("edit.yaml"));
        integrations.save("edit", "Edited", "sftp-to-queue", values("queue", "partner.other"), ALICE);
        assertEquals(before, Files.readString(flowsDir.resolve("edit.yaml")));
        integrations.submit("edit", ALICE);
        integrations.approve("edit", at(integrations, "edit"), "", BOB);
        assertTrue(Files.readString(flowsDir.resolve("edit.yaml")).contains("partner.other"));
    }

    @Test
    public void rejectionNeedsAReasonAndSendsItBackToTheAuthor() {
        integrations.save("rej", "R", "sftp-to-queue", values(), ALICE);
        integrations.submit("rej", ALICE);
        assertEquals("comment", assertThrows(IntegrationException.class, () -> integrations.reject("rej", at(integrations, "rej"), " ", BOB))
                .problems().get(0).field());
        Integration rejected = integrations.reject("rej", at(integrations, "rej"), "use the partner.in queue", BOB);
        assertEquals(Integration.Status.REJECTED, rejected.status());
        assertEquals("use the partner.in queue", integrations.get("rej", ALICE).comment());
        assertEquals(Integration.Status.PENDING, integrations.submit("rej", ALICE).status());
    }

    @Test
    public void pauseAndResumeStopAndStartTheFlowForItsOwnerOnly() {
        deployAsAlice("pause-me");
        integrations.pause("pause-me", ALICE);
        integrations.resume("pause-me", ALICE);
        assertEquals(List.of("stop pause-me by integration:alice", "start pause-me by integration:alice"), flows.actions);
        assertThrows(IntegrationException.class, () -> integrations.pause("pause-me", CAROL));
    }

    @Test
    public void exportAndImportCheckTheTemplateVersionAndTheConnectorsThere() throws Exception {
        deployAsAlice("exported");
        String document = integrations.export("exported", ALICE);
        assertTrue(document, document.contains("templateVersion: 2"));
        assertFalse(document, document.contains("route"));

        // the other environment: its own templates, connectors and rule
        Fakes.Connectors there = new Fakes.Connectors().add("partner-a", "sftp", true);
        Path otherTemplates = tmp.newFolder("other-templates").toPath();
        Files.writeString(otherTemplates.resolve("sftp-to-queue.yaml"), PICKUP);
        Path otherFlows = tmp.newFolder("other-flows").toPath();
        Integrations other = new Integrations(new TemplateLibrary(otherTemplates),
                new IntegrationStore(tmp.newFolder("other-data").toPath()),
                () -> new Governance(Set.of("*"), Governance.FOUR_EYES), flows, there, audit, otherFlows, Clock.systemUTC());
        Integration imported = other.importDocument(document, CAROL);
        assertEquals(Integration.Status.PENDING, imported.status());
        assertEquals("carol", imported.owner());
        other.approve("exported", at(other, "exported"), "", BOB);
        assertTrue(Files.readString(otherFlows.resolve("exported.yaml")).contains("partner-a:outbox"));

        Files.writeString(otherTemplates.resolve("sftp-to-queue.yaml"), PICKUP.replace("version: 2", "version: 3"));
        IntegrationException version = assertThrows(IntegrationException.class,
                () -> other.importDocument(document.replace("exported", "again"), CAROL));
        assertTrue(version.getMessage(), version.getMessage().contains("version 2; this environment has version 3"));

        there.instances.clear();
        there.add("partner-b", "sftp", true);
        Files.writeString(otherTemplates.resolve("sftp-to-queue.yaml"), PICKUP);
        IntegrationException missing = assertThrows(IntegrationException.class,
                () -> other.importDocument(document.replace("exported", "again"), CAROL));
        assertEquals("source", missing.problems().get(0).field());
    }

    /** The version an approver reviews: the integration's updatedAt. */
    private static String at(Integrations in, String name) {
        return in.get(name, new Requester("admin", Set.of("admin"))).updatedAt().toString();
    }

    @Test
    public void anApprovalOfAVersionThatChangedSinceItWasReadIsRefused() {
        integrations.save("swap", "S", "sftp-to-queue", values(), ALICE);
        integrations.submit("swap", ALICE);
        String reviewed = at(integrations, "swap");
        integrations.save("swap", "S", "sftp-to-queue", values("queue", "elsewhere"), ALICE);
        integrations.submit("swap", ALICE);
        IntegrationException stale = assertThrows(IntegrationException.class,
                () -> integrations.approve("swap", reviewed, "looked fine", BOB));
        assertTrue(stale.getMessage(), stale.getMessage().contains("changed since you read it"));
        assertFalse(Files.exists(flowsDir.resolve("swap.yaml")));
    }

    @Test
    public void systemQueuesAndNamesThatLeaveTheStoreAreRefused() {
        for (String q : List.of("DLQ", "ExpiryQueue", "DLQ.orders", "conflux.cluster.status")) {
            assertEquals(q, List.of("queue"), fieldsOf(integrations.check("sftp-to-queue", values("queue", q), ALICE)));
        }
        assertThrows(IntegrationException.class, () -> integrations.get("../../etc/x", ALICE));
        assertThrows(IntegrationException.class, () -> integrations.delete("../flows/orders", ALICE));
    }

    private void deployAsAlice(String name) {
        integrations.save(name, "T", "sftp-to-queue", values(), ALICE);
        integrations.submit(name, ALICE);
        integrations.approve(name, at(integrations, name), "", BOB);
    }
}
