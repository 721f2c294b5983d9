package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowEndpoint.Origin;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The queues a flow's dynamic JMS targets ({@code toD: jms:queue:orders-${header.region}}) resolve to. Camel sends
 * those through one endpoint named as written, with the destination in a header, instead of making an endpoint per
 * queue, so they never show in the context's endpoint registry; this notifier reads the destination the JMS producer
 * reports it used ({@code CamelJMSDestinationProduced}) once the message is sent. Only flows with a dynamic JMS target
 * get one (Camel then emits sent events for that flow's sends); it ignores every other event and failed sends. At most
 * {@value #LIMIT} targets are kept per revision: a target computed from a per-message value (a reply queue per id)
 * would otherwise fill the catalog.
 */
final class LearnedTargets extends EventNotifierSupport {

    static final int LIMIT = 100;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    LearnedTargets() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        Endpoint endpoint = sent.getEndpoint();
        if (!(endpoint instanceof JmsEndpoint jms) || seen.size() >= LIMIT || jms.getDestinationName() == null
                || !jms.getDestinationName().contains("{") || sent.getExchange().isFailed()) {
            return;
        }
        String destination = sent.getExchange().getMessage().getHeader(JmsConstants.JMS_DESTINATION_NAME_PRODUCED,
                String.class);
        if (destination != null) {
            seen.add((jms.isPubSubDomain() ? "jms:topic:" : "jms:queue:") + destination);
        }
    }

    List<FlowEndpoint> endpoints() {
        return seen.stream().sorted().map(uri -> new FlowEndpoint(Direction.OUT, uri, Origin.LEARNED, "", "")).toList();
    }
}
