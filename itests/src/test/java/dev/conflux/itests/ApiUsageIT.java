package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * API usage analytics on a running Conflux (issue 18, section 3). The sample flow's endpoints ask for consumer
 * accounts here (its dev-only open policy replaced by basic), and two consumers call it over REST and SOAP, a few
 * calls invalid and two with a wrong password, all before the tests; the tests read what was counted as support
 * staff do: over Jolokia as a viewer, in the shell as a viewer, in the catalog's impact, and on the console page in
 * Chromium. The 100-call count with percentiles and the roll-ups kept over a restart are in {@link RestartIT}.
 */
public class ApiUsageIT {

    static final String PARTNER = "partner-b";
    static final String PARTNER_PASSWORD = "partner-" + UUID.randomUUID();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .andServiceConsumer()
            .and(editConfigurationFilePut("etc/users.properties", PARTNER, PARTNER_PASSWORD + ",_g_:consumers"));
    static final String USAGE = "conflux:type=apiusage";
    static final String ORDERS = "POST /api/orders";
    static final String CONSUMER = ConfluxDistribution.CONSUMER;
    static Jolokia viewer;
    static Http http;

    @BeforeClass
    public static void callTheSampleFlow() throws Exception {
        viewer = CONFLUX.jolokia(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        http = CONFLUX.servicesHttp();
        ConnectorsIT.write(CONFLUX.home().toPath().resolve("etc/conflux.endpoint-sample-orders.cfg"),
                "path = /api/orders, /services/orders\npolicy = basic\n");
        Await.until("the sample endpoints asking for credentials", Duration.ofMinutes(1),
                () -> order(null, null, "{}").statusCode() == 401);
        Await.until("the API usage MBean", Duration.ofMinutes(1),
                () -> viewer.execAnswer(USAGE, "usage", "5m", "both").path("status").asInt() == 200);
        for (int i = 0; i < 20; i++) {
            String body = i % 10 == 3 ? "{\"orderId\":\"u-" + i + "\"}" : valid("u-" + i);
            assertEquals(i % 10 == 3 ? 400 : 202, order(CONSUMER, ConfluxDistribution.CONSUMER_PASSWORD, body)
                    .statusCode());
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(202, order(PARTNER, PARTNER_PASSWORD, valid("p-" + i)).statusCode());
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> soap = http.post(CONFLUX.servicesUrl() + "/services/orders",
                    "text/xml; charset=utf-8", SampleFlowIT.submitOrder("s-" + i + "-" + UUID.randomUUID(), "ACME",
                            "widget", "2"), "SOAPAction", "\"" + SampleFlowIT.NS + "/submitOrder\"",
                    "Authorization", Http.basic(PARTNER, PARTNER_PASSWORD));
            assertEquals(soap.body(), 200, soap.statusCode());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(401, order(PARTNER, "wrong-" + UUID.randomUUID(), valid("x-" + i)).statusCode());
        }
        // Neither is a call of an operation: the contract, and a path no flow serves.
        assertEquals(200, http.get(CONFLUX.servicesUrl() + "/services/orders?wsdl", "Authorization",
                Http.basic(PARTNER, PARTNER_PASSWORD)).statusCode());
        assertEquals(404, http.get(CONFLUX.servicesUrl() + "/api/no-such-flow/x", "Authorization",
                Http.basic(PARTNER, PARTNER_PASSWORD)).statusCode());
    }

    private static String valid(String id) {
        return "{\"orderId\":\"" + id + "-" + UUID.randomUUID() + "\",\"customer\":\"ACME\",\"item\":\"widget\","
                + "\"quantity\":1}";
    }

    static HttpResponse<String> order(String user, String password, String json) throws Exception {
        return user == null ? http.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json)
                : http.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json, "Authorization",
                        Http.basic(user, password));
    }

    /** The rows of usage over the last hour, by operation and consumer, keyed "operation|consumer". */
    static Map<String, JsonNode> rows() throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : Http.JSON.readTree(viewer.exec(USAGE, "usage", "1h", "both").asText())) {
            rows.put(row.path("operation").asText() + "|" + row.path("consumer").asText(), row);
        }
        return rows;
    }

    @Test
    public void eachConsumersCallsAreCountedPerOperationWithRefusalsUnderTheClientAddress() throws Exception {
        Map<String, JsonNode> rows = rows();
        JsonNode consumer = rows.get(ORDERS + "|" + CONSUMER);
        assertEquals(rows.toString(), 20, consumer.path("calls").asLong());
        assertEquals(18, consumer.path("ok").asLong());
        assertEquals(2, consumer.path("clientErrors").asLong());
        assertEquals("/api/orders", consumer.path("endpoint").asText());
        JsonNode partner = rows.get(ORDERS + "|" + PARTNER);
        assertEquals(rows.toString(), 10, partner.path("calls").asLong());
        assertEquals(0, partner.path("clientErrors").asLong());
        JsonNode soap = rows.get("submitOrder|" + PARTNER);
        assertEquals(rows.toString(), 3, soap.path("calls").asLong());
        assertEquals("/services/orders", soap.path("endpoint").asText());
        assertTrue(soap.toString(), soap.path("bytesIn").asLong() > 3 * 200 && soap.path("bytesOut").asLong() > 0);
        // Refused before anyone was identified: counted under the address the calls came from. The readiness
        // probe's unauthenticated order ({}) is one of them.
        JsonNode refused = rows.get(ORDERS + "|127.0.0.1");
        assertTrue(rows.toString(), refused.path("calls").asLong() >= 2
                && refused.path("calls").asLong() == refused.path("clientErrors").asLong());
        assertEquals("no WSDL fetch, no request no flow serves: " + rows.keySet(), 4, rows.size());

        JsonNode counters = Http.JSON.readTree(viewer.exec(USAGE, "flowCounters", "1d").asText());
        JsonNode sample = null;
        for (JsonNode c : counters) {
            sample = "sample-orders".equals(c.path("flow").asText()) ? c : sample;
        }
        assertTrue(counters.toString(), sample != null);
        assertEquals("the unit the sample flow declares", "orders", sample.path("unit").asText());
        assertEquals(sample.toString(), 31, sample.path("accepted").asLong());
        assertEquals(sample.toString(), 31.0 / 24, sample.path("perHour").asDouble(), 1e-9);
        double all = 31 + sample.path("refused").asLong() + sample.path("failed").asLong();
        assertEquals(sample.toString(), 31 / all, sample.path("successRate").asDouble(), 1e-9);
    }

    @Test
    public void theShellShowsUsageFlowCountersAndCsvToAViewer() throws Exception {
        Shell shell = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        String table = shell.run("conflux:api-usage --window 1h");
        System.out.println("conflux:api-usage --window 1h\n" + table);
        assertTrue(table, table.contains(ORDERS) && table.contains(CONSUMER) && table.contains(PARTNER)
                && table.contains("submitOrder"));
        String flows = shell.run("conflux:api-usage --flows --window 1d");
        System.out.println("conflux:api-usage --flows --window 1d\n" + flows);
        assertTrue(flows, flows.contains("sample-orders") && flows.contains("31 orders") && flows.contains("orders/h"));
        String csv = shell.run("conflux:api-usage --csv --window 1h");
        assertTrue(csv, csv.startsWith("window,endpoint,operation,consumer,calls,ok,client_errors,server_errors"));
        assertTrue(csv, csv.contains("1h,/api/orders,POST /api/orders," + CONSUMER + ",20,18,2,0,"));
        String hourly = shell.run("conflux:api-usage --csv --hourly --window 1d");
        assertTrue(hourly, hourly.startsWith("hour_utc,") && hourly.contains(",/services/orders,submitOrder,"
                + PARTNER + ",3,3,0,0,"));
        String trend = shell.run("conflux:api-usage --trend --window 5m --operation 'POST /api/orders'");
        assertTrue(trend, trend.contains("From (UTC)"));
        String wrong = shell.run("conflux:api-usage --window 2h");
        assertTrue(wrong, wrong.contains("Unknown window '2h': use one of 5m, 1h, 1d, 30d"));
    }

    @Test
    public void theImpactOfTheOrdersApiNamesItsKnownConsumers() throws Exception {
        JsonNode impact = Http.JSON.readTree(viewer.exec(CatalogIT.CATALOG, "impact", "endpoint", ORDERS).asText());
        JsonNode known = impact.path("consumers").path(ORDERS);
        assertTrue(impact.toString(), known.toString().contains("\"" + CONSUMER + "\"")
                && known.toString().contains("\"" + PARTNER + "\""));
        String shell = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD)
                .run("conflux:impact endpoint /services/orders");
        assertTrue(shell, shell.contains("called by (last 30 days): " + PARTNER));
    }

    @Test
    public void theConsolePageShowsTheBusinessCounterTopConsumersAndTheTrend() throws Exception {
        ConsoleUiIT.installPlaywright();
        Path downloads = Path.of("target", "api-usage-downloads").toAbsolutePath();
        String output = ConsoleUiIT.run(List.of("node", "api-usage.mjs"), Map.ofEntries(
                Map.entry("SCREENSHOTS", ConsoleUiIT.SCREENSHOTS.toAbsolutePath().toString()),
                Map.entry("DOWNLOADS", downloads.toString()),
                Map.entry("CHROMIUM", ConsoleUiIT.chromium()),
                Map.entry("CONFLUX_CONSOLE", CONFLUX.consoleUrl()),
                Map.entry("VIEWER_USER", ConfluxDistribution.VIEWER),
                Map.entry("VIEWER_PASSWORD", ConfluxDistribution.VIEWER_PASSWORD),
                Map.entry("FLOW", "sample-orders"),
                Map.entry("CONSUMERS", CONSUMER + "," + PARTNER),
                Map.entry("OPERATION", ORDERS)), Duration.ofMinutes(3));
        assertTrue(output, output.contains("API USAGE OK"));
    }
}
