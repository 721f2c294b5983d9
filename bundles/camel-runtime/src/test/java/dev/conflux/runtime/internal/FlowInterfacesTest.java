package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

/** What a flow declares about itself for the catalog, and where each piece comes from. */
public class FlowInterfacesTest {

    @SuppressWarnings("unchecked")
    private static ServiceReference<RoutesBuilder> service(Map<String, Object> properties) {
        return (ServiceReference<RoutesBuilder>) Proxy.newProxyInstance(FlowInterfacesTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, args) -> m.getName().equals("getProperty")
                        ? properties.get((String) args[0]) : null);
    }

    @Test
    public void aBundleFlowsServicePropertiesDescribeItAndItsConfigurationHasTheLastWord() {
        Flow flow = Flow.fromBundle("orders", "bundle:dev.example.orders/1.0.0", service(Map.of(
                "conflux.flow.owner", "team-a", "conflux.flow.description", "Takes orders",
                "conflux.flow.tags", "sales")), null);
        Properties cfg = new Properties();
        cfg.setProperty("owner", "team-b");
        cfg.setProperty("critical", "true");
        cfg.setProperty("unrelated", "x");
        flow.configured(cfg);
        assertEquals(Map.of("owner", "team-b", "description", "Takes orders", "tags", "sales", "critical", "true"),
                flow.interfaces().metadata());
    }

    @Test
    public void aFileFlowWithoutARunningRevisionHasItsConfiguredMetadataAndNoEndpoints() {
        Flow flow = Flow.fromFile("billing", Path.of("/flows/billing.yaml"));
        Properties cfg = new Properties();
        cfg.setProperty("owner", "finance");
        cfg.setProperty("tags", "billing, monthly");
        flow.configured(cfg);
        assertEquals(Map.of("owner", "finance", "tags", "billing, monthly"), flow.interfaces().metadata());
        assertEquals(0, flow.interfaces().endpoints().size());
    }
}
