package dev.conflux.catalog.internal;

import static dev.conflux.catalog.internal.Fakes.connector;
import static dev.conflux.catalog.internal.Fakes.flow;
import static dev.conflux.catalog.internal.Fakes.in;
import static dev.conflux.catalog.internal.Fakes.out;
import static dev.conflux.catalog.internal.Fakes.rule;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conflux.apiusage.api.ApiUsageService;
import dev.conflux.apiusage.api.FlowCounter;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.ChangeImpact;
import dev.conflux.catalog.api.Impact;
import dev.conflux.runtime.api.FlowEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;

public class CatalogComponentTest {

    private final Fakes fakes = new Fakes();
    private final CatalogComponent component = new CatalogComponent(
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC), fakes.flowService(),
            fakes.connectorService(), fakes.alertService());

    /** Three flows chained through two queues and a connector instance, fed by a REST operation. */
    @Before
    public void chain() {
        component.configure(Map.of("name", "test"));
        fakes.flows.add(flow("orders-in", in("rest:post:/orders"), out("jms:queue:orders.accepted"),
                out("log:orders")));
        fakes.flows.add(flow("billing", in("jms:queue:orders.accepted"), out("jms:queue:billing.out")));
        fakes.flows.add(flow("partner-export", in("jms:queue:billing.out"), out("partner-a:orders")));
        fakes.connectors.add(connector("partner-a", "http",
                Map.of("baseUrl", "https://app:s3cret@api.partner.example/v1?key=x")));
    }

    private static Set<String> ids(Catalog c) {
        return c.nodes().stream().map(CatalogNode::id).collect(Collectors.toSet());
    }

    private static Set<String> edges(Catalog c) {
        return c.edges().stream().map(e -> e.from() + " -> " + e.to()).collect(Collectors.toSet());
    }

    @Test
    public void theCatalogHasExactlyTheNodesAndEdgesOfTheChain() {
        Catalog c = component.catalog();
        assertEquals("test", c.environment());
        assertEquals(Set.of("flow:orders-in", "flow:billing", "flow:partner-export", "api:POST /api/orders",
                "queue:orders.accepted", "queue:billing.out", "connector:partner-a",
                "system:https://api.partner.example"), ids(c));
        assertEquals(Set.of("api:POST /api/orders -> flow:orders-in", "flow:orders-in -> queue:orders.accepted",
                "queue:orders.accepted -> flow:billing", "flow:billing -> queue:billing.out",
                "queue:billing.out -> flow:partner-export", "flow:partner-export -> connector:partner-a",
                "connector:partner-a -> system:https://api.partner.example"), edges(c));
        CatalogNode api = c.node("api:POST /api/orders").orElseThrow();
        assertEquals("http://127.0.0.1:8182/api/openapi.json", api.details().get("openapi"));
        assertEquals("/api/orders", api.details().get("endpoint"));
        CatalogNode system = c.node("system:https://api.partner.example").orElseThrow();
        assertEquals("the URL without its query", "https://api.partner.example/v1", system.details().get("url"));
    }

    @Test
    public void aSoapServiceIsAnApiWithItsOperationsAndWsdlAndARestOperationWithItsRequestType() {
        fakes.flows.add(flow("soap-orders", new FlowEndpoint(FlowEndpoint.Direction.IN,
                "cxf:/orders?wsdlURL=classpath:wsdl/orders.wsdl", FlowEndpoint.Origin.STATIC, "soap",
                "operations getOrder, submitOrder"), new FlowEndpoint(FlowEndpoint.Direction.IN, "rest:get:/stock/{id}",
                FlowEndpoint.Origin.STATIC, "", "request com.example.Query; produces application/json; Reads stock; by id")));
        Catalog c = component.catalog();
        CatalogNode soap = c.node("api:/services/orders").orElseThrow();
        assertEquals("getOrder, submitOrder", soap.details().get("operations"));
        assertEquals("http://127.0.0.1:8182/services/orders?wsdl", soap.details().get("wsdl"));
        CatalogNode rest = c.node("api:GET /api/stock/{id}").orElseThrow();
        assertEquals("com.example.Query", rest.details().get("request"));
        assertEquals("application/json", rest.details().get("produces"));
        assertEquals("Reads stock; by id", rest.details().get("description"));
        assertEquals("/api/stock", rest.details().get("endpoint"));
    }

    @Test
    public void undeployingTheMiddleFlowTakesItsEdgesOut() {
        fakes.flows.removeIf(f -> f.flow().equals("billing"));
        Catalog c = component.catalog();
        assertFalse(ids(c).contains("flow:billing"));
        assertFalse(edges(c).toString(), edges(c).stream().anyMatch(e -> e.contains("flow:billing")));
        assertTrue(edges(c).contains("queue:billing.out -> flow:partner-export"));
        assertTrue("the queues stay while another flow uses them", ids(c).contains("queue:billing.out"));
    }

    @Test
    public void theImpactOfTheConnectorListsTheUpstreamFlowsAndTheApiThatFeedsThem() {
        fakes.rules.add(rule("failures", "flow-failure-ratio", "*"));
        fakes.rules.add(rule("partner-down", "connector-down", "partner-a"));
        fakes.rules.add(rule("other-backlog", "queue-depth", "other.queue"));
        fakes.rules.add(rule("billing-backlog", "queue-depth", "billing.out"));
        Impact impact = component.impact("connector", "partner-a");
        assertEquals(List.of("partner-export"), impact.direct());
        assertEquals(List.of("billing", "orders-in"), impact.upstream());
        assertEquals(List.of(), impact.downstream());
        assertEquals(List.of("POST /api/orders"), impact.apis().stream().map(CatalogNode::name).toList());
        assertTrue(impact.paths().toString(), impact.paths().contains("api:POST /api/orders → flow:orders-in → "
                + "queue:orders.accepted → flow:billing → queue:billing.out → flow:partner-export → connector:partner-a"));
        assertEquals(List.of("failures (flow-failure-ratio on *)", "partner-down (connector-down on partner-a)",
                "billing-backlog (queue-depth on billing.out)"), impact.alerts());
    }

    @Test
    public void theImpactNamesTheKnownConsumersOfEachApiItReaches() {
        List<String> asked = new ArrayList<>();
        component.usage = new ApiUsageService() {
            @Override
            public Set<String> consumersOf(String api, Window window) {
                asked.add(api + " " + window.label());
                return api.equals("POST /api/orders") ? Set.of("shop", "10.0.0.7") : Set.of();
            }

            @Override
            public List<UsageRow> usage(Window window, Grouping by) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<UsagePoint> trend(Window window, String operation) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<FlowCounter> flowCounters(Window window) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String csv(Window window, Grouping by, boolean hourly) {
                throw new UnsupportedOperationException();
            }
        };
        Impact impact = component.impact("connector", "partner-a");
        assertEquals(List.of("POST /api/orders 30d"), asked);
        assertEquals(Map.of("POST /api/orders", List.of("10.0.0.7", "shop")), Map.of("POST /api/orders",
                impact.consumers().get("POST /api/orders").stream().sorted().toList()));
        component.usage = null;
        assertEquals(Map.of(), component.impact("connector", "partner-a").consumers());
    }

    @Test
    public void theImpactOfAQueueHasItsProducersUpstreamAndItsConsumersDownstream() {
        Impact impact = component.impact("queue", "billing.out");
        assertEquals(List.of("billing", "partner-export"), impact.direct());
        assertEquals(List.of("orders-in"), impact.upstream());
        assertEquals(List.of(), impact.downstream());
        Impact ofApi = component.impact("endpoint", "/api/orders");
        assertEquals(List.of("orders-in"), ofApi.direct());
        assertEquals(List.of("billing", "partner-export"), ofApi.downstream());
    }

    @Test
    public void aHostNameFindsTheSystemAndTheFlowsUsingItThroughAConnector() {
        Impact impact = component.impact("host", "api.partner.example");
        assertEquals("system:https://api.partner.example", impact.subjects().get(0).id());
        assertEquals(List.of("partner-export"), impact.direct());
        assertEquals(List.of("billing", "orders-in"), impact.upstream());
    }

    @Test
    public void namesWithMarkupAreTextInThePageAndInItsJson() throws Exception {
        fakes.flows.add(flow("odd", in("jms:queue:a<b>\"&'c"), out("jms:queue:</script><script>alert(1)</script>")));
        String html = component.exportHtml();
        assertFalse(html, html.contains("<script>alert(1)"));
        assertFalse(html.contains("a<b>"));
        assertTrue(html.contains("a&lt;b&gt;&quot;&amp;'c"));
        String tag = "<script type=\"application/json\" id=\"catalog\">";
        String json = html.substring(html.indexOf(tag) + tag.length(), html.indexOf("</script>", html.indexOf(tag)));
        assertTrue(CatalogComponent.JSON.readTree(json).toString().contains("queue:</script><script>alert(1)</script>"));
    }

    @Test
    public void aFlowWritingAndAnotherReadingThroughOneConnectorAreNotOneDataPath() {
        fakes.flows.add(flow("reader", in("partner-a:inbox"), out("jms:queue:read")));
        Impact impact = component.impact("flow", "partner-export");
        assertEquals(List.of(), impact.downstream());
        assertEquals(List.of("partner-export", "reader"), component.impact("connector", "partner-a").direct());
    }

    @Test
    public void anUnknownNameOrKindIsAClearErrorNamingWhatThereIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> component.impact("queue", "nope"));
        assertEquals("No queue named 'nope' in the catalog; there are: billing.out, orders.accepted", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> component.impact("queue", null));
        assertEquals("Name the queue to analyse", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> component.impact("table", "x"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("Unknown kind 'table': use one of flow, queue"));
    }

    @Test
    public void removingAnOutputQueueNamesTheFlowThatLosesItsOnlyProducer() {
        Path file = Path.of("/flows/billing.yaml");
        fakes.files.put(file, flow("billing", in("jms:queue:orders.accepted"), out("jms:queue:billing.archive")));
        ChangeImpact change = component.impactOfChange(file);
        assertTrue(change.deployed());
        assertEquals(List.of("queue:billing.out"), change.removedOutputs());
        assertEquals(List.of("queue:billing.archive"), change.addedOutputs());
        assertEquals(List.of("removes output queue billing.out: flow partner-export loses its only producer",
                "adds output queue billing.archive, which no flow consumes"), change.findings());
    }

    @Test
    public void aLearnedTargetIsNoOutputAFileRemoves() {
        fakes.flows.removeIf(f -> f.flow().equals("billing"));
        fakes.flows.add(flow("billing", in("jms:queue:orders.accepted"), out("jms:queue:billing.out"),
                new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms:queue:billing-${header.kind}",
                        FlowEndpoint.Origin.DYNAMIC, "r", ""),
                new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms:queue:billing-retail", FlowEndpoint.Origin.LEARNED,
                        "", "")));
        Path file = Path.of("/flows/billing.yaml");
        fakes.files.put(file, flow("billing", in("jms:queue:orders.accepted"), out("jms:queue:billing.out"),
                new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms:queue:billing-${header.kind}",
                        FlowEndpoint.Origin.DYNAMIC, "r", "")));
        ChangeImpact change = component.impactOfChange(file);
        assertEquals(List.of(), change.removedOutputs());
        assertEquals(List.of(), change.findings());
    }

    @Test
    public void aDynamicTargetIsListedAsWrittenAndWhatItResolvedToAsALearnedEdge() {
        fakes.flows.add(flow("router", in("jms:queue:orders.routed"),
                new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms:queue:region-${header.region}",
                        FlowEndpoint.Origin.DYNAMIC, "route", ""),
                new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms://queue:region-north", FlowEndpoint.Origin.LEARNED,
                        "", "")));
        Catalog c = component.catalog();
        assertEquals(List.of(new Catalog.DynamicTarget("router", "route", "jms:queue:region-${header.region}")),
                c.dynamic());
        assertTrue(c.edges().contains(new CatalogEdge("flow:router", "queue:region-north", "router", "learned")));
    }

    @Test
    public void theExportIsOneHtmlPageWithTheGraphAndTheCatalogsJson() throws Exception {
        String html = component.exportHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(8, html.split("<g class=\"node ", -1).length - 1);
        assertEquals(7, html.split("<line class=\"edge ", -1).length - 1);
        String tag = "<script type=\"application/json\" id=\"catalog\">";
        String json = html.substring(html.indexOf(tag) + tag.length(), html.indexOf("</script>"));
        JsonNode parsed = CatalogComponent.JSON.readTree(json);
        assertEquals(8, parsed.get("nodes").size());
        assertEquals("2026-12-02T10:00:00Z", parsed.get("builtAt").asText());
        assertFalse("no secret of the connector", html.contains("key=x") || html.contains("s3cret"));
    }
}
