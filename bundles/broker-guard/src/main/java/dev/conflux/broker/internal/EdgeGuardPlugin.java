package dev.conflux.broker.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.Map;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConnectionPlugin;
import org.apache.activemq.artemis.protocol.amqp.broker.ActiveMQProtonRemotingConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker plugin: as each client connection is created (on its I/O thread, after the broker has recognised the
 * protocol and before the first bytes reach the protocol's decoder) it puts that protocol's guard right behind the
 * broker's protocol detector, where it sees every byte the client sends (after TLS, if any).
 */
final class EdgeGuardPlugin implements ActiveMQServerConnectionPlugin {

    static final String GUARD = "conflux-guard";
    private static final Logger LOG = LoggerFactory.getLogger(EdgeGuardPlugin.class);
    /** The broker's protocol detector, which hands the bytes it read to the next handler when it leaves. */
    private static final String DETECTOR = "ProtocolDecoder";

    private final GuardLimits limits;
    private final Refusals refusals;

    EdgeGuardPlugin(GuardLimits limits, Refusals refusals) {
        this.limits = limits;
        this.refusals = refusals;
    }

    @Override
    public void afterCreateConnection(RemotingConnection connection) {
        if (!(connection.getTransportConnection() instanceof NettyConnection netty)) {
            return;
        }
        ChannelHandler guard = guardFor(connection);
        if (guard == null) {
            return;
        }
        ChannelPipeline pipeline = netty.getChannel().pipeline();
        String detector = detectorName(pipeline);
        if (detector == null) {
            LOG.warn("Broker guard: no protocol detector in the pipeline of a {} connection; it is not guarded",
                    connection.getProtocolName());
            return;
        }
        pipeline.addAfter(detector, GUARD, guard);
    }

    ChannelHandler guardFor(RemotingConnection connection) {
        return switch (connection.getProtocolName()) {
            case "AMQP" -> connection instanceof ActiveMQProtonRemotingConnection amqp
                    ? new AmqpSaslGuard(amqp.getManager().getInitialRemoteMaxFrameSize(), refusals) : null;
            case "STOMP" -> new StompFrameLimit(limits.stompMaxFrameBytes(), refusals);
            case "MQTT" -> new MqttPacketLimit(limits.mqttMaxPacketBytes(), refusals);
            case "CORE" -> new CoreFrameLimit(limits.coreMaxFrameBytes(), refusals);
            default -> null;
        };
    }

    static String detectorName(ChannelPipeline pipeline) {
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue().getClass().getSimpleName().equals(DETECTOR)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
