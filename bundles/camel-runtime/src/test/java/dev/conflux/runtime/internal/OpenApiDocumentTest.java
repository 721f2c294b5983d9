package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.After;
import org.junit.Test;

public class OpenApiDocumentTest {

    /** A request body type, as a flow bundle would declare it. */
    public record Order(String orderId, String customer, int quantity) {
    }

    private final FlowContextFactory contexts = new FlowContextFactory(getClass().getClassLoader(), Map.of(), null);
    private final List<DefaultCamelContext> open = new java.util.ArrayList<>();

    private CamelContext flow(String name, String yaml) throws Exception {
        DefaultCamelContext context = contexts.newContext(name, getClass().getClassLoader(), new Properties());
        open.add(context);
        context.build();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("/flows/" + name + ".yaml", yaml));
        return context;
    }

    @After
    public void close() throws Exception {
        for (DefaultCamelContext c : open) {
            c.close();
        }
    }

    private static String type(Schema<?> s) {
        return s.getType() != null ? s.getType() : s.getTypes() == null ? null : s.getTypes().iterator().next();
    }

    @Test
    public void theRestOperationsOfEveryFlowMakeOneValidOpenApi3DocumentTaggedByFlow() throws Exception {
        CamelContext orders = flow("orders", """
                - rest:
                    path: /orders
                    post:
                      - description: Places an order
                        consumes: application/json
                        produces: application/json
                        type: dev.conflux.runtime.internal.OpenApiDocumentTest$Order
                        to: direct:place
                    get:
                      - path: /{id}
                        to: direct:get
                - route:
                    from:
                      uri: direct:place
                      steps:
                        - to: log:placed
                - route:
                    from:
                      uri: direct:get
                      steps:
                        - to: log:got
                """);
        CamelContext stock = flow("stock", """
                - rest:
                    path: /stock
                    get:
                      - to: direct:stock
                - route:
                    from:
                      uri: direct:stock
                      steps:
                        - to: log:stock
                """);
        String json = OpenApiDocument.of(Map.of("orders", orders, "stock", stock), "http://127.0.0.1:8182/api",
                "Conflux REST APIs");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertEquals(json, List.of(), parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        assertTrue(api.getOpenapi(), api.getOpenapi().startsWith("3."));
        assertEquals("http://127.0.0.1:8182/api", api.getServers().get(0).getUrl());
        Operation place = api.getPaths().get("/orders").getPost();
        assertNotNull(json, place);
        assertEquals("the verb's description, as Camel writes it", "Places an order", place.getSummary());
        assertTrue(place.getTags().toString(), place.getTags().contains("orders"));
        String ref = place.getRequestBody().getContent().get("application/json").getSchema().get$ref();
        assertNotNull(json, ref);
        String schema = ref.substring(ref.lastIndexOf('/') + 1);
        Map<String, Schema> properties = api.getComponents().getSchemas().get(schema).getProperties();
        assertEquals(json, java.util.Set.of("orderId", "customer", "quantity"), properties.keySet());
        assertEquals("integer", type(properties.get("quantity")));
        assertEquals("string", type(properties.get("orderId")));
        assertNotNull(api.getPaths().get("/orders/{id}").getGet());
        assertTrue(api.getPaths().get("/stock").getGet().getTags().contains("stock"));
    }
}
