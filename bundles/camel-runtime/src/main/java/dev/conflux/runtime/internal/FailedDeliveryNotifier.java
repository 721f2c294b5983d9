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
 * consumed message is kept aside when the exchange is created (later steps may replace the exchange's message); its
 * broker id, JMSMessageID, queue and delivery count are read only when the exchange fails. The failing step comes
 * from {@link FailedStepRecorder}.
 */
final class FailedDeliveryNotifier extends EventNotifierSupport {

    /** The consumed JMS message, kept aside when the exchange is created (later steps may replace the message). */
    private static final String CONSUMED = "conflux.consumedMessage";
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
            Exchange e = created.getExchange();
            if (e.getIn() instanceof JmsMessage in && in.getJmsMessage() != null) {
                e.setProperty(CONSUMED, in.getJmsMessage());
            }
        } else if (event instanceof ExchangeFailedEvent failed) {
            Exchange e = failed.getExchange();
            Message m = e.getProperty(CONSUMED, Message.class);
            if (m == null) {
                return; // not consumed from the broker: the caller saw the error
            }
            Throwable cause = e.getException() != null ? e.getException()
                    : e.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
            if (cause == null) {
                return;
            }
            String step = e.getProperty(STEP, String.class);
            log.record(m instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().getMessageID() : 0,
                    m.getJMSMessageID(), m.getJMSDestination() instanceof Queue q ? q.getQueueName() : null, flow,
                    route(e), step != null ? step : failedEndpoint(e), cause,
                    m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1);
        }
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
