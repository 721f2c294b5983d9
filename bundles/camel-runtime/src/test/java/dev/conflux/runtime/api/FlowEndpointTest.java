package dev.conflux.runtime.api;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import org.junit.Test;

public class FlowEndpointTest {

    @Test
    public void restAndSoapEndpointsArePublishedUnderTheServicePlanesPaths() {
        assertEquals(Optional.of("POST /api/orders/{id}"), FlowEndpoint.publishedAs("rest:post:/orders/{id}", "/api",
                "/services"));
        assertEquals(Optional.of("GET /api/orders"), FlowEndpoint.publishedAs("rest:get:orders?produces=x", "/api/",
                "/services"));
        assertEquals(Optional.of("/services/orders"), FlowEndpoint.publishedAs("cxf:/orders?serviceClass=x", "/api",
                "/services"));
        assertEquals(Optional.of("/services/orders"), FlowEndpoint.publishedAs("cxf://orders", "/api", "/services"));
    }

    @Test
    public void clientsAndOtherEndpointsArePublishedByNoOne() {
        assertEquals(Optional.empty(), FlowEndpoint.publishedAs("cxf:http://partner/orders", "/api", "/services"));
        assertEquals(Optional.empty(), FlowEndpoint.publishedAs("cxf:bean:client", "/api", "/services"));
        assertEquals(Optional.empty(), FlowEndpoint.publishedAs("jms:queue:orders", "/api", "/services"));
        assertEquals(Optional.empty(), FlowEndpoint.publishedAs("direct", "/api", "/services"));
    }
}
