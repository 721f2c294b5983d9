package dev.conflux.serviceplane.metrics;

import static org.junit.Assert.assertEquals;

import dev.conflux.apiusage.api.ApiCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class UsageForwardingTest {

    private final List<ApiCall> told = new ArrayList<>();

    @Test
    public void callsOfPublishedOperationsAreToldWithTheirConsumer() {
        UsageForwarding forwarding = new UsageForwarding(() -> told::add);
        forwarding.accept(new EndpointMetrics.Request("/api/orders", "POST /api/orders", "POST", 202, 5_000, 60, 20,
                "shop"));
        forwarding.accept(new EndpointMetrics.Request("/services/orders", "submitOrder", "POST", 500, 7_000, 300, -1,
                "10.1.2.3"));
        assertEquals(List.of(new ApiCall("/api/orders", "POST /api/orders", "shop", 202, 5_000, 60, 20),
                new ApiCall("/services/orders", "submitOrder", "10.1.2.3", 500, 7_000, 300, -1)), told);
    }

    @Test
    public void requestsNoFlowServesAndWsdlFetchesAreNoCallsOfAnOperation() {
        UsageForwarding forwarding = new UsageForwarding(() -> told::add);
        forwarding.accept(new EndpointMetrics.Request(EndpointLabels.OTHER, "GET", "GET", 404, 1, -1, -1, "x"));
        forwarding.accept(new EndpointMetrics.Request("/services/orders", "wsdl", "GET", 200, 1, -1, 900, "x"));
        assertEquals(List.of(), told);
    }

    @Test
    public void withoutApiUsageRunningNothingHappens() {
        new UsageForwarding(() -> null).accept(new EndpointMetrics.Request("/api/orders", "POST /api/orders", "POST",
                202, 1, 1, 1, "shop"));
        assertEquals(List.of(), told);
    }
}
