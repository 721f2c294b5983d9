package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The shipped sample flow end to end over real HTTP: REST and SOAP on the service plane, through the Artemis queue
 * and the transacted consumer, to the result file on disk; bad requests get clear errors and break nothing.
 */
public class SampleFlowIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andServiceConsumer();

    static final Http HTTP = new Http();
    static final String NS = "http://conflux.dev/sample/orders";


    @BeforeClass
    public static void ready() throws Exception {
        Await.until("the sample flow's REST endpoint", Duration.ofMinutes(1),
                () -> restOrder("{}").statusCode() == 400);
    }

    static HttpResponse<String> restOrder(String json) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", json);
    }

    static HttpResponse<String> soap(String envelope) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/services/orders", "text/xml; charset=utf-8", envelope,
                "SOAPAction", "\"" + NS + "/submitOrder\"");
    }

    static String submitOrder(String orderId, String customer, String item, String quantity) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"" + NS + "\">"
                + "<soapenv:Body><o:submitOrder>"
                + (orderId == null ? "" : "<o:orderId>" + orderId + "</o:orderId>")
                + (customer == null ? "" : "<o:customer>" + customer + "</o:customer>")
                + "<o:item>" + item + "</o:item><o:quantity>" + quantity + "</o:quantity>"
                + "</o:submitOrder></soapenv:Body></soapenv:Envelope>";
    }

    /**
     * An API client that knows nothing but the OpenAPI document: it finds the operation that takes an order, builds
     * the request body from the operation's schema, and places the order at the server the document names.
     */
    @Test
    public void theOpenApiDocumentValidatesDescribesThePostAndDrivesAClientThatPlacesAnOrder() throws Exception {
        String url = CONFLUX.servicesUrl() + "/api/openapi.json";
        assertEquals("the contract is behind the endpoints' authentication", 401, HTTP.get(url).statusCode());
        HttpResponse<String> r = HTTP.get(url, "Authorization",
                Http.basic(ConfluxDistribution.CONSUMER, ConfluxDistribution.CONSUMER_PASSWORD));
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/json"));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
        assertEquals(r.body(), List.of(), parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        assertTrue(api.getOpenapi(), api.getOpenapi().startsWith("3."));
        Operation post = api.getPaths().get("/orders").getPost();
        assertTrue(post.getTags().toString(), post.getTags().contains("sample-orders"));
        assertTrue(post.getResponses().toString(), post.getResponses().containsKey("202")
                && post.getResponses().containsKey("400"));
        Schema<?> request = resolve(api, post.getRequestBody().getContent().get("application/json").getSchema());
        assertEquals(Set.of("orderId", "customer", "item", "quantity"), request.getProperties().keySet());

        ObjectNode order = Http.JSON.createObjectNode();
        String id = "OA-" + UUID.randomUUID().toString().substring(0, 8);
        request.getProperties().forEach((name, schema) -> {
            String type = schema.getType() != null ? schema.getType() : String.valueOf(schema.getTypes());
            if (type.contains("integer")) {
                order.put(name, 3);
            } else {
                order.put(name, name.equals("orderId") ? id : "from the contract");
            }
        });
        String server = api.getServers().get(0).getUrl();
        assertEquals("the server, by path: right behind a proxy too", "/api", server);
        HttpResponse<String> placed = HTTP.post(URI.create(url).resolve(server + "/orders").toString(),
                "application/json", order.toString());
        assertEquals(placed.body(), 202, placed.statusCode());
        assertEquals(id, Http.JSON.readTree(placed.body()).path("orderId").asText());
        assertEquals(3, processed(id).path("quantity").asInt());
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema.get$ref() == null) {
            return schema;
        }
        return api.getComponents().getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
    }

    /** Waits for the flow's result file and returns its content. */
    static JsonNode processed(String orderId) throws Exception {
        File file = new File(CONFLUX.home(), "data/sample-orders/" + orderId + ".json");
        return Await.until("result file " + file, Duration.ofSeconds(30),
                () -> file.isFile() ? Http.JSON.readTree(Files.readString(file.toPath())) : null);
    }

    @Test
    public void restOrderIsQueuedAndProcessedIntoAFile() throws Exception {
        String id = "rest-" + UUID.randomUUID();
        HttpResponse<String> r = restOrder("{\"orderId\":\"" + id + "\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":3}");
        assertEquals(r.body(), 202, r.statusCode());
        assertEquals("REST responses are sized, not chunked", String.valueOf(r.body().getBytes(
                StandardCharsets.UTF_8).length), r.headers().firstValue("Content-Length").orElse("none"));
        JsonNode reply = Http.json(r);
        assertEquals(id, reply.get("orderId").asText());
        assertEquals("ACCEPTED", reply.get("status").asText());

        JsonNode result = processed(id);
        assertEquals("ACME", result.get("customer").asText());
        assertEquals("widget", result.get("item").asText());
        assertEquals(3, result.get("quantity").asInt());
        assertEquals("PROCESSED", result.get("status").asText());
    }

    @Test
    public void theBundleFlowStopsAndStartsAgainWithItsRestEndpoint() throws Exception {
        Jolokia console = CONFLUX.admin();
        assertEquals("STOPPED", console.exec("conflux:type=flows", "stop", "sample-orders").path("state").asText());
        Await.until("the REST endpoint gone", Duration.ofSeconds(30), () -> restOrder("{}").statusCode() == 404);
        JsonNode started = console.exec("conflux:type=flows", "start", "sample-orders");
        assertEquals(started.toString(), "STARTED", started.path("state").asText());
        String id = "restart-" + UUID.randomUUID();
        HttpResponse<String> r = restOrder("{\"orderId\":\"" + id + "\",\"customer\":\"ACME\",\"item\":\"nut\",\"quantity\":1}");
        assertEquals(r.body(), 202, r.statusCode());
        assertEquals("PROCESSED", processed(id).get("status").asText());
    }

    @Test
    public void soapOrderIsQueuedAndProcessedIntoAFile() throws Exception {
        HttpResponse<String> wsdl = HTTP.get(CONFLUX.servicesUrl() + "/services/orders?wsdl");
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body(), wsdl.body().contains("submitOrder") && wsdl.body().contains("wsdl:definitions"));

        String id = "soap-" + UUID.randomUUID();
        HttpResponse<String> r = soap(submitOrder(id, "Globex", "bolt", "12"));
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("<orderId>" + id + "</orderId><status>ACCEPTED</status>"));

        JsonNode result = processed(id);
        assertEquals("Globex", result.get("customer").asText());
        assertEquals(12, result.get("quantity").asInt());
    }

    @Test
    public void badRequestsGetClearErrorsAndTheFlowKeepsWorking() throws Exception {
        HttpResponse<String> malformedJson = restOrder("{\"customer\": \"ACME\",\n \"item\": }");
        assertEquals(400, malformedJson.statusCode());
        assertEquals("Malformed JSON at line 2, column 10",
                Http.json(malformedJson).get("error").asText().replaceAll(":.*", ""));

        HttpResponse<String> invalid = restOrder("{\"item\":\"widget\",\"quantity\":0}");
        assertEquals(400, invalid.statusCode());
        assertEquals("Invalid order: 'customer' is required; 'quantity' must be a positive integer, got 0",
                Http.json(invalid).get("error").asText());

        HttpResponse<String> malformedXml = soap("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><o:submitOrder xmlns:o=\"" + NS + "\"><o:item>x</o:submitOrder></soapenv:Body>");
        assertEquals("SOAP 1.1 sends every fault with 500 (WS-I BP R1126)", 500, malformedXml.statusCode());
        assertTrue(malformedXml.body(), malformedXml.body().contains("<faultcode>soap:Client</faultcode>"));

        HttpResponse<String> invalidSoap = soap(submitOrder(null, null, "bolt", "many"));
        assertEquals(500, invalidSoap.statusCode());
        assertTrue(invalidSoap.body(), invalidSoap.body().contains("<faultcode>soap:Client</faultcode>"));
        assertTrue(invalidSoap.body(), invalidSoap.body().contains(
                "Invalid order: 'customer' is required; 'quantity' must be a positive integer, got 'many'"));

        // still working after all of that
        String id = "after-errors-" + UUID.randomUUID();
        assertEquals(202, restOrder("{\"orderId\":\"" + id + "\",\"customer\":\"ACME\",\"item\":\"nut\",\"quantity\":1}").statusCode());
        assertEquals("nut", processed(id).get("item").asText());
        String soapId = "after-errors-soap-" + UUID.randomUUID();
        assertEquals(200, soap(submitOrder(soapId, "ACME", "nut", "2")).statusCode());
        assertEquals(2, processed(soapId).get("quantity").asInt());
    }
}
