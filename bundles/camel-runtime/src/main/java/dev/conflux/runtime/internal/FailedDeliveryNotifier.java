package dev.conflux.runtime.internal;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records in the {@link DeliveryFailureLog} why a flow failed to process a message it consumed from the broker. The
 * message's broker id, JMSMessageID, queue and delivery count are taken when the exchange is created (later steps
 * may replace the message); the failing step comes from {@link FailedStepRecorder}.
 */
final class FailedDeliveryNotifier extends EventNotifierSupport {

    private static final String BROKER_ID = "conflux.brokerMessageId";
    private static final String JMS_ID = "conflux.jmsMessageId";
    private static final String QUEUE = "conflux.queue";
    private static final String DELIVERY = "conflux.deliveryCount";
    private static final String STEP = FailedStepRecorder.STEP;

    private final String flow;
    private final DeliveryFailureLog log;

    FailedDeliveryNotifier(String flow, DeliveryFailureLog log) {
        this.flow = flow;
        this.log = log;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent || event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) throws JMSException {
        if (event instanceof ExchangeCreatedEvent created) {
            remember(created.getExchange());
        } else if (event instanceof ExchangeFailedEvent failed) {
            Exchange e = failed.getExchange();
            Long brokerId = e.getProperty(BROKER_ID, Long.class);
            if (brokerId == null) {
                return; // not consumed from the broker: the caller saw the error
            }
            Throwable cause = e.getException() != null ? e.getException()
                    : e.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
            if (cause == null) {
                return;
            }
            String step = e.getProperty(STEP, String.class);
            log.record(brokerId, e.getProperty(JMS_ID, String.class), e.getProperty(QUEUE, String.class), flow,
                    route(e), step != null ? step : failedEndpoint(e), cause, e.getProperty(DELIVERY, 0, Integer.class));
        }
    }

    private static void remember(Exchange exchange) throws JMSException {
        if (!(exchange.getIn() instanceof JmsMessage in) || in.getJmsMessage() == null) {
            return;
        }
        Message m = in.getJmsMessage();
        long brokerId = m instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().getMessageID() : 0;
        exchange.setProperty(BROKER_ID, brokerId);
        exchange.setProperty(JMS_ID, m.getJMSMessageID());
        exchange.setProperty(QUEUE, m.getJMSDestination() instanceof Queue q ? q.getQueueName() : null);
        exchange.setProperty(DELIVERY, m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1);
    }

    private static String route(Exchange e) {
        String failed = e.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class);
        return failed != null ? failed : e.getFromRouteId();
    }

    private static String failedEndpoint(Exchange e) {
        String endpoint = e.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT, String.class);
        return endpoint == null ? null : "sending to " + endpoint;
    }
}
