package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowEndpoint;
import jakarta.jms.ConnectionFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.ExchangeSendingEvent;
import org.apache.camel.impl.event.ExchangeSentEvent;
import org.apache.camel.support.DefaultExchange;
import org.junit.Test;

public class LearnedTargetsTest {

    private final ConnectionFactory none = (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConnectionFactory.class}, (p, m, a) -> {
                throw new UnsupportedOperationException(m.getName());
            });

    /** A send through the endpoint Camel uses for {@code toD: jms:queue:region-${header.region}}. */
    private static ExchangeSentEvent sent(Endpoint endpoint, String produced, boolean failed) {
        Exchange exchange = new DefaultExchange(endpoint.getCamelContext());
        exchange.getMessage().setHeader(JmsConstants.JMS_DESTINATION_NAME_PRODUCED, produced);
        if (failed) {
            exchange.setException(new IllegalStateException("broker down"));
        }
        return new ExchangeSentEvent(exchange, endpoint, 3);
    }

    @Test
    public void theQueueTheProducerReportsIsLearnedOnceAndFailedSendsAndStaticQueuesAreNot() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("jms", JmsComponent.jmsComponent(none));
            Endpoint dynamic = context.getEndpoint("jms:queue:region-${header.region}");
            Endpoint fixed = context.getEndpoint("jms:queue:orders");
            LearnedTargets learned = new LearnedTargets();
            assertFalse("only sent events", learned.isEnabled(new ExchangeSendingEvent(new DefaultExchange(context),
                    dynamic)));
            for (ExchangeSentEvent e : List.of(sent(dynamic, "region-north", false), sent(dynamic, "region-north", false),
                    sent(dynamic, "region-south", true), sent(fixed, "orders", false))) {
                assertTrue(learned.isEnabled(e));
                learned.notify(e);
            }
            assertEquals(List.of(new FlowEndpoint(FlowEndpoint.Direction.OUT, "jms:queue:region-north",
                    FlowEndpoint.Origin.LEARNED, "", "")), learned.endpoints());
        }
    }

    @Test
    public void atMostTheLimitIsKept() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("jms", JmsComponent.jmsComponent(none));
            Endpoint dynamic = context.getEndpoint("jms:queue:reply-${header.id}");
            LearnedTargets learned = new LearnedTargets();
            for (int i = 0; i < LearnedTargets.LIMIT + 50; i++) {
                learned.notify(sent(dynamic, "reply-" + i, false));
            }
            assertEquals(LearnedTargets.LIMIT, learned.endpoints().size());
        }
    }
}
