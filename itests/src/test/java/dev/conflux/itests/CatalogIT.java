package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The interface catalog of a running Conflux: three flows chained through two queues and a connector instance,
 * deployed as files; the graph read over Jolokia, impact in the shell and over JMX, the check of a change before it is
 * deployed, the graph following an undeploy, a dynamic target learned, and the HTML export opened in Chromium.
 */
public class CatalogIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();
    static final String CATALOG = "conflux:type=catalog";
    static final Jolokia admin = CONFLUX.admin();
    static Shell shell;

    static final String ORDERS = """
            - rest:
                path: /cat-orders
                post:
                  - to: direct:take
            - route:
                id: take
                from:
                  uri: direct:take
                  steps:
                    - to: jms:queue:cat.accepted
                    - setBody:
                        constant: '{"accepted":true}'
            """;
    static final String BILLING = """
            - route:
                id: bill
                description: Bills accepted orders
                from:
                  uri: jms:queue:cat.accepted
                  steps:
                    - to: jms:queue:%s
            """;
    static final String EXPORT = """
            - route:
                id: export
                from:
                  uri: jms:queue:cat.billing
                  steps:
                    - to: cat-partner:orders
            """;

    @BeforeClass
    public static void deployTheChain() throws Exception {
        ConsoleUiIT.installPlaywright();
        Await.until("the catalog MBean", Duration.ofMinutes(1), () -> admin.readAnswer(CATALOG, "Catalog").path("status")
                .asInt() == 200);
        shell = CONFLUX.shell();
        Path etc = CONFLUX.home().toPath().resolve("etc");
        ConnectorsIT.write(etc.resolve("conflux.connector.http-cat-partner.cfg"),
                "baseUrl = http://127.0.0.1:" + ConfluxDistribution.freePort() + "/partner/v1\n"
                        + "description = The partner's order API\n");
        Await.until("connector instance cat-partner", Duration.ofMinutes(1), () -> catalog().toString()
                .contains("connector:cat-partner"));
        OrderFlows.deploy(CONFLUX, admin, "cat-orders", ORDERS, 1);
        OrderFlows.deploy(CONFLUX, admin, "cat-billing", BILLING.formatted("cat.billing"), 1);
        OrderFlows.deploy(CONFLUX, admin, "cat-export", EXPORT, 1);
    }

    static JsonNode catalog() throws Exception {
        return Http.JSON.readTree(admin.read(CATALOG, "Catalog").asText());
    }

    /** The edges made by the cat- flows and the cat-partner instance, as "from -> to". */
    static Set<String> chainEdges(JsonNode catalog) {
        Set<String> edges = new TreeSet<>();
        for (JsonNode e : catalog.path("edges")) {
            if (e.path("flow").asText().startsWith("cat-") || e.path("from").asText().equals("connector:cat-partner")) {
                edges.add(e.path("from").asText() + " -> " + e.path("to").asText());
            }
        }
        return edges;
    }

    static Set<String> nodesOf(Set<String> edges) {
        Set<String> nodes = new TreeSet<>();
        for (String e : edges) {
            nodes.addAll(List.of(e.split(" -> ")));
        }
        return nodes;
    }

    static final String SYSTEM = "system:http://127.0.0.1:";

    @Test
    public void theCatalogHasExactlyTheChainsNodesAndEdgesAndTheImpactOfTheConnectorReachesTheApi() throws Exception {
        JsonNode c = catalog();
        Set<String> edges = chainEdges(c);
        String system = edges.stream().filter(e -> e.contains(SYSTEM)).findFirst().orElseThrow(
                () -> new AssertionError("no system behind cat-partner: " + edges)).split(" -> ")[1];
        assertEquals(new TreeSet<>(Set.of("api:POST /api/cat-orders -> flow:cat-orders",
                "flow:cat-orders -> queue:cat.accepted", "queue:cat.accepted -> flow:cat-billing",
                "flow:cat-billing -> queue:cat.billing", "queue:cat.billing -> flow:cat-export",
                "flow:cat-export -> connector:cat-partner", "connector:cat-partner -> " + system)), edges);
        assertEquals(Set.of("api:POST /api/cat-orders", "flow:cat-orders", "queue:cat.accepted", "flow:cat-billing",
                "queue:cat.billing", "flow:cat-export", "connector:cat-partner", system), nodesOf(edges));
        JsonNode billing = node(c, "flow:cat-billing");
        assertEquals("Bills accepted orders", billing.path("details").path("description").asText());
        assertTrue(billing.toString(), billing.path("details").path("source").asText().endsWith("cat-billing.yaml"));
        assertEquals(admin.read("conflux:type=environment", "Name").asText(), c.path("environment").asText());
        assertEquals(CONFLUX.servicesUrl() + "/api/openapi.json",
                node(c, "api:POST /api/cat-orders").path("details").path("openapi").asText());

        JsonNode soap = node(c, "api:/services/orders");
        assertTrue(soap.toString(), soap.path("details").path("operations").asText().contains("submitOrder"));
        assertEquals(CONFLUX.servicesUrl() + "/services/orders?wsdl", soap.path("details").path("wsdl").asText());
        assertEquals("the sample's request schema", "dev.conflux.sample.orders.Order",
                node(c, "api:POST /api/orders").path("details").path("request").asText());

        JsonNode impact = Http.JSON.readTree(admin.exec(CATALOG, "impact", "connector", "cat-partner").asText());
        assertEquals("[\"cat-export\"]", impact.path("direct").toString());
        assertEquals("[\"cat-billing\",\"cat-orders\"]", impact.path("upstream").toString());
        assertEquals("POST /api/cat-orders", impact.path("apis").path(0).path("name").asText());
        assertTrue(impact.toString(), impact.path("paths").toString().contains("api:POST /api/cat-orders → flow:cat-orders"
                + " → queue:cat.accepted → flow:cat-billing → queue:cat.billing → flow:cat-export → connector:cat-partner"));

        String table = shell.run("conflux:impact connector cat-partner");
        assertTrue(table, table.contains("Flows feeding it (upstream):\n  cat-billing\n  cat-orders"));
        assertTrue(table, table.contains("POST /api/cat-orders"));
        String unknown = shell.run("conflux:impact queue cat.nope");
        assertTrue(unknown, unknown.contains("No queue named 'cat.nope' in the catalog; there are: ")
                && unknown.contains("cat.accepted"));
        assertFalse(unknown, unknown.contains("Exception"));
        Shell viewer = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        assertTrue("a viewer asks for impact too", viewer.run("conflux:impact connector cat-partner")
                .contains("Flows feeding it (upstream):\n  cat-billing\n  cat-orders"));
        Path refused = CONFLUX.home().toPath().resolve("viewer-export.html");
        String denied = viewer.run("conflux:catalog --export " + refused);
        assertFalse(denied, Files.exists(refused) || denied.contains("Wrote"));
        String list = shell.run("conflux:catalog --no-format");
        assertTrue(list, list.lines().anyMatch(l -> l.matches("cat-billing\\s+in\\s+queue\\s+cat\\.accepted\\s+static\\s*")));
    }

    @Test
    public void aChangeThatRemovesAnOutputQueueNamesTheFlowLeftWithoutAProducerBeforeItIsDeployed() throws Exception {
        Path edited = CONFLUX.home().toPath().resolve("cat-billing.yaml");
        Files.writeString(edited, BILLING.formatted("cat.archive"), StandardCharsets.UTF_8);
        String out = shell.run("conflux:flow-validate --impact " + edited);
        assertTrue(out, out.contains("valid"));
        assertTrue(out, out.contains("removes output queue cat.billing: flow cat-export loses its only producer"));
        assertTrue(out, out.contains("adds output queue cat.archive, which no flow consumes"));
        assertEquals("the file is only read: the running flow still sends to cat.billing",
                "flow:cat-billing -> queue:cat.billing", chainEdges(catalog()).stream()
                        .filter(e -> e.startsWith("flow:cat-billing")).findFirst().orElse(""));
    }

    @Test
    public void aDynamicTargetIsShownAsWrittenThenLearnedOnceUsed() throws Exception {
        OrderFlows.deploy(CONFLUX, admin, "dyn-router", """
                - route:
                    from:
                      uri: jms:queue:dyn.route
                      steps:
                        - toD: jms:queue:dyn.region-${header.region}
                """, 1);
        JsonNode before = catalog();
        assertTrue(before.path("dynamic").toString(), before.path("dynamic").toString()
                .contains("jms:queue:dyn.region-${header.region}"));
        try (Session s = CONFLUX.jms().connection().createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue("dyn.route"));
            Message m = s.createTextMessage("to the north");
            m.setStringProperty("region", "north");
            p.send(m);
        }
        Await.until("the learned target in the catalog", Duration.ofMinutes(1),
                () -> routerEdges().contains("flow:dyn-router -> queue:dyn.region-north (learned)"));
        assertEquals("what the flow reads, and the one target it was seen to send to (no queue named as written)",
                Set.of("queue:dyn.route -> flow:dyn-router (static)",
                        "flow:dyn-router -> queue:dyn.region-north (learned)"), routerEdges());
        assertEquals("the message went where the catalog says", "to the north",
                CONFLUX.jms().receive("dyn.region-north", 10_000));
    }

    static Set<String> routerEdges() throws Exception {
        Set<String> edges = new TreeSet<>();
        for (JsonNode e : catalog().path("edges")) {
            if (e.path("flow").asText().equals("dyn-router")) {
                edges.add(e.path("from").asText() + " -> " + e.path("to").asText() + " (" + e.path("known").asText()
                        + ")");
            }
        }
        return edges;
    }

    @Test
    public void theExportAndTheConsolePageShowTheGraphAndTheImpactAndUndeployingTheMiddleFlowTakesItOut() throws Exception {
        Path html = CONFLUX.home().toPath().resolve("catalog-export.html");
        String written = shell.run("conflux:catalog --export " + html);
        assertTrue(written, written.contains("Wrote"));
        assertTrue(Files.isRegularFile(html.resolveSibling("catalog-export.json")));
        String output = ConsoleUiIT.run(List.of("node", "catalog.mjs"), Map.ofEntries(
                Map.entry("EXPORT", html.toAbsolutePath().toString()),
                Map.entry("NODES", String.join(",", nodesOf(chainEdges(catalog())))),
                Map.entry("SCREENSHOTS", ConsoleUiIT.SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("CHROMIUM", ConsoleUiIT.chromium()),
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD),
                Map.entry("CONNECTOR", "cat-partner"),
                Map.entry("UPSTREAM", "cat-billing,cat-orders"),
                Map.entry("API", "POST /api/cat-orders")), Duration.ofMinutes(3));
        assertTrue(output, output.contains("CATALOG OK 8 nodes"));

        Files.delete(CONFLUX.home().toPath().resolve("flows/cat-billing.yaml"));
        Await.until("cat-billing gone from the catalog", Duration.ofMinutes(1),
                () -> !catalog().toString().contains("flow:cat-billing"));
        Set<String> edges = chainEdges(catalog());
        assertFalse(edges.toString(), edges.stream().anyMatch(e -> e.contains("cat-billing")));
        assertTrue(edges.toString(), edges.contains("queue:cat.billing -> flow:cat-export"));
        ConnectorsIT.write(CONFLUX.home().toPath().resolve("flows/cat-billing.yaml"), BILLING.formatted("cat.billing"));
        Await.until("cat-billing back in the catalog", Duration.ofMinutes(1),
                () -> chainEdges(catalog()).contains("flow:cat-billing -> queue:cat.billing"));
    }

    static JsonNode node(JsonNode catalog, String id) {
        for (JsonNode n : catalog.path("nodes")) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id + " in " + catalog);
    }
}
