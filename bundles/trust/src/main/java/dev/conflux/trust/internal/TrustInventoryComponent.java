package dev.conflux.trust.internal;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.api.EndpointAccess;
import dev.conflux.trust.api.TrustInventory;
import dev.conflux.trust.api.TrustReport;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the trust inventory. The endpoint access (service plane), the connectors and the login guard are
 * optional and followed as they come and go: the inventory lists what is installed now.
 */
@Component(service = TrustInventory.class)
public class TrustInventoryComponent implements TrustInventory {

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EndpointAccess endpointAccess;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConnectorService connectors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoginGuard loginGuard;

    private Inventory inventory;

    @Activate
    void activate(BundleContext context) {
        inventory = new Inventory(new OsgiSettings(configurationAdmin, context),
                new JmxAcceptors(ManagementFactory.getPlatformMBeanServer()), () -> endpointAccess,
                () -> connectors, () -> loginGuard, Clock.systemUTC());
    }

    @Override
    public TrustReport report() {
        return inventory.report();
    }
}
