package dev.conflux.tracing.internal.broker;

import dev.conflux.tracing.api.TraceRecorder;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the tracing plugin with the embedded broker (the ActiveMQServer service Artemis's OSGi bundle publishes),
 * like the broker guard. Without a broker this component simply stays inactive.
 */
@Component(immediate = true)
public class BrokerTracingComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTracingComponent.class);

    @Reference
    private ActiveMQServer server;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TraceRecorder recorder;

    private BrokerTracingPlugin plugin;

    @Activate
    void activate() {
        BrokerHops hops = new BrokerHops(() -> recorder, System.getProperty("karaf.name", "root"));
        plugin = new BrokerTracingPlugin(hops, address -> server.getAddressSettingsRepository().getMatch(address));
        server.registerBrokerPlugin(plugin);
        LOG.info("Broker tracing on: messages from outside Conflux get a trace; dead letters and expiries are recorded");
    }

    @Deactivate
    void deactivate() {
        server.unRegisterBrokerPlugin(plugin);
    }
}
