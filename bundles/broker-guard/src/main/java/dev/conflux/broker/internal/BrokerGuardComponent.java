package dev.conflux.broker.internal;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the guard with the embedded broker (the ActiveMQServer service Artemis's OSGi bundle publishes). */
@Component(immediate = true, configurationPid = "conflux.broker.guard", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BrokerGuardComponent.Config.class)
public class BrokerGuardComponent {

    @ObjectClassDefinition(name = "Conflux broker guard", description = "Frame limits for the broker's clients")
    public @interface Config {
        @AttributeDefinition(name = "stomp.maxFrameBytes", description = "Most bytes of a STOMP frame (up to its NUL)")
        int stomp_maxFrameBytes() default GuardLimits.DEFAULT_STOMP_MAX_FRAME_BYTES;

        @AttributeDefinition(name = "mqtt.maxPacketBytes", description = "Largest MQTT packet a client may send")
        int mqtt_maxPacketBytes() default GuardLimits.DEFAULT_MQTT_MAX_PACKET_BYTES;

        @AttributeDefinition(name = "core.maxFrameBytes", description = "Largest core frame a client may send")
        int core_maxFrameBytes() default GuardLimits.DEFAULT_CORE_MAX_FRAME_BYTES;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerGuardComponent.class);

    @Reference
    private ActiveMQServer server;

    private final Refusals refusals = new Refusals();
    private EdgeGuardPlugin plugin;
    private ClusterUserGuard clusterUser;

    @Activate
    @Modified
    synchronized void activate(Config config) {
        GuardLimits limits = new GuardLimits(config.stomp_maxFrameBytes(), config.mqtt_maxPacketBytes(),
                config.core_maxFrameBytes());
        deactivate();
        plugin = new EdgeGuardPlugin(limits, refusals);
        server.registerBrokerPlugin(plugin);
        clusterUser = new ClusterUserGuard("pair".equals(System.getProperty("conflux.broker.topology", "").strip()));
        server.registerBrokerPlugin(clusterUser);
        LOG.info("Broker guard on: AMQP SASL frames checked; STOMP frames up to {} bytes, MQTT packets up to {}, core"
                + " frames up to {}", limits.stompMaxFrameBytes(), limits.mqttMaxPacketBytes(), limits.coreMaxFrameBytes());
    }

    @Deactivate
    synchronized void deactivate() {
        if (plugin != null) {
            server.unRegisterBrokerPlugin(plugin);
            plugin = null;
        }
        if (clusterUser != null) {
            server.unRegisterBrokerPlugin(clusterUser);
            clusterUser = null;
        }
    }
}
