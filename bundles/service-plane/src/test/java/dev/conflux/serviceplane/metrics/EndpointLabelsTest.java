package dev.conflux.serviceplane.metrics;

import static org.junit.Assert.assertEquals;

import dev.conflux.serviceplane.metrics.EndpointLabels.Labels;
import java.util.Set;
import org.junit.Test;

public class EndpointLabelsTest {

    private static final Set<String> SERVED = Set.of("orders");

    @Test
    public void aMatchedRestTemplateGivesItsFirstSegmentAndTheTemplate() {
        assertEquals(new Labels("/api/orders", "POST /api/orders"),
                EndpointLabels.rest("/api", "/orders", "POST", "/orders", SERVED::contains));
        assertEquals(new Labels("/api/orders", "GET /api/orders/{id}"),
                EndpointLabels.rest("/api", "/orders/17", "get", "orders/{id}", SERVED::contains));
    }

    @Test
    public void anUnmatchedPathUnderAServedSegmentKeepsTheEndpointButNotTheId() {
        assertEquals(new Labels("/api/orders", "DELETE"),
                EndpointLabels.rest("/api", "/orders/A-17", "DELETE", null, SERVED::contains));
    }

    @Test
    public void pathsNoFlowServesAreOther() {
        assertEquals(new Labels("other", "GET"), EndpointLabels.rest("/api", "/invoices/9", "GET", null, SERVED::contains));
        assertEquals(new Labels("other", "GET"), EndpointLabels.rest("/api", null, "GET", null, SERVED::contains));
        assertEquals(new Labels("other", "other"),
                EndpointLabels.rest("/api", "/x", "BREW", null, SERVED::contains));
    }

    @Test
    public void soapOperationsAreTheDispatchedOneTheWsdlOrUnknown() {
        assertEquals(new Labels("/services/orders", "submitOrder"),
                EndpointLabels.soap("/services", "/orders", "submitOrder", false));
        assertEquals(new Labels("/services/orders", "wsdl"), EndpointLabels.soap("/services", "orders", null, true));
        assertEquals(new Labels("/services/orders", "unknown"), EndpointLabels.soap("/services", "/orders", null, false));
        assertEquals(new Labels("other", "unknown"), EndpointLabels.soap("/services", null, null, false));
    }

    @Test
    public void firstSegment() {
        assertEquals("orders", EndpointLabels.firstSegment("/orders/1"));
        assertEquals("orders", EndpointLabels.firstSegment("orders?x=1"));
        assertEquals("", EndpointLabels.firstSegment("/"));
    }
}
