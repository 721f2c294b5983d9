package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.Test;

public class PolicyTableTest {

    private static EndpointPolicy policy(String name, String... paths) {
        return new EndpointPolicy(name, "etc/conflux.endpoint-" + name + ".cfg", List.of(paths), Set.of("apikey"),
                Set.of(), 0, null, null);
    }

    @Test
    public void mostSpecificPatternWinsElseTheDefault() {
        PolicyTable table = new PolicyTable(List.of(policy("all-orders", "/api/orders/*"),
                policy("one", "/api/orders/special"), policy("soap", "/services/orders")));
        assertEquals("all-orders", table.match("/api/orders").name());
        assertEquals("all-orders", table.match("/api/orders/42").name());
        assertEquals("one", table.match("/api/orders/special").name());
        assertEquals("all-orders", table.match("/api/orders/special/x").name());
        assertEquals("soap", table.match("/services/orders").name());
        assertEquals("default", table.match("/services/orders/x").name());
        assertEquals("default", table.match("/api/ordersX").name());
        assertEquals(Set.of("basic"), table.match("/api/other").schemes());
    }

    @Test
    public void exactPatternBeatsWildcardOfTheSamePrefix() {
        PolicyTable table = new PolicyTable(List.of(policy("wild", "/api/orders/*"), policy("exact", "/api/orders")));
        assertEquals("exact", table.match("/api/orders").name());
        assertEquals("wild", table.match("/api/orders/1").name());
    }

    @Test
    public void aPatternClaimedTwiceGoesToTheFirstAndIsReported() {
        List<EndpointPolicy> policies = List.of(policy("a", "/api/x"), policy("b", "/api/x", "/api/y"));
        PolicyTable table = new PolicyTable(policies);
        assertEquals("a", table.match("/api/x").name());
        assertEquals("b", table.match("/api/y").name());
        assertEquals(List.of("etc/conflux.endpoint-b.cfg: key 'path': '/api/x' is already governed by another"
                + " endpoint policy; this file's setting for it is ignored"), PolicyTable.clashes(policies));
    }
}
