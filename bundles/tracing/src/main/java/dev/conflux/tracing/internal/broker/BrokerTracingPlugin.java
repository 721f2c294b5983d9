package dev.conflux.tracing.internal.broker;

import dev.conflux.tracing.api.TraceParent;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's side of tracing: stamps a {@code traceparent} property on messages from producers outside Conflux
 * (any protocol) and records RECEIVED, DEAD_LETTERED and EXPIRED hops. Never fails a send or a move.
 */
final class BrokerTracingPlugin implements ActiveMQServerMessagePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTracingPlugin.class);

    private final BrokerHops hops;
    private final Function<String, AddressSettings> settings;

    /** @param settings the address settings that apply to an address (for the dead-letter queue's name) */
    BrokerTracingPlugin(BrokerHops hops, Function<String, AddressSettings> settings) {
        this.hops = hops;
        this.settings = settings;
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) {
        try {
            String stamp = hops.received(message.getAddress(), property(message, TraceParent.HEADER),
                    property(message, TraceParent.BUSINESS_KEY), session == null ? null : session.getValidatedUser(),
                    messageId(message));
            if (stamp != null) {
                message.putStringProperty(TraceParent.HEADER, stamp);
                // without this, consumers and a journal reload would not see the new property
                message.reencode();
            }
        } catch (RuntimeException e) {
            LOG.debug("Tracing could not stamp a message sent to {}: {}", message.getAddress(), e.toString());
        }
    }

    @Override
    public void messageMoved(Transaction tx, MessageReference ref, AckReason reason, SimpleString destAddress,
            Long destQueueID, ServerConsumer consumer, Message newMessage, RoutingStatus result) {
        if (reason != AckReason.KILLED) {
            return;
        }
        try {
            Message m = ref.getMessage();
            String queue = ref.getQueue().getName().toString();
            hops.deadLettered(property(m, TraceParent.HEADER), property(m, TraceParent.BUSINESS_KEY),
                    deadLetterQueue(m.getAddress(), queue, destAddress), ref.getDeliveryCount(), messageId(m));
        } catch (RuntimeException e) {
            LOG.debug("Tracing could not record a dead letter: {}", e.toString());
        }
    }

    @Override
    public void messageExpired(MessageReference ref, SimpleString expiryAddress, ServerConsumer consumer) {
        try {
            Message m = ref.getMessage();
            hops.expired(property(m, TraceParent.HEADER), property(m, TraceParent.BUSINESS_KEY),
                    ref.getQueue().getName().toString(), ref.getDeliveryCount(), messageId(m));
        } catch (RuntimeException e) {
            LOG.debug("Tracing could not record an expiry: {}", e.toString());
        }
    }

    /** DLQ.&lt;queue&gt; when the broker creates dead-letter queues per queue (etc/artemis.xml), else the address. */
    String deadLetterQueue(String address, String queue, SimpleString deadLetterAddress) {
        AddressSettings s = address == null ? null : settings.apply(address);
        if (s != null && s.isAutoCreateDeadLetterResources()) {
            return s.getDeadLetterQueuePrefix() + queue + s.getDeadLetterQueueSuffix();
        }
        return deadLetterAddress == null ? null : deadLetterAddress.toString();
    }

    /** The message id as a JMS client sees it (ID:&lt;uuid&gt;), or null. */
    static String messageId(Message m) {
        Object id = m.getUserID();
        return id == null ? null : "ID:" + id;
    }

    private static String property(Message m, String name) {
        Object v = m.getObjectProperty(name);
        return v == null ? null : v.toString();
    }
}
