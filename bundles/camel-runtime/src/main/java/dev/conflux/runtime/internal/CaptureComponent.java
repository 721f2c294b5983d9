package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * What every component of a trial's context is (see {@link FlowTrials}): its endpoints record what is sent to them
 * and never reach anything, and its consumers receive only what the trial hands them. One instance serves every
 * scheme of one trial.
 */
final class CaptureComponent extends DefaultComponent {

    private final List<FlowTrial.Sent> sent = new ArrayList<>();
    private final Map<String, DefaultConsumer> consumers = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        parameters.clear(); // any option of the real component is accepted, and none is acted on
        return new CaptureEndpoint(uri, this);
    }

    synchronized List<FlowTrial.Sent> sent() {
        return List.copyOf(sent);
    }

    DefaultConsumer consumerOf(String uri) {
        return consumers.get(uri);
    }

    private synchronized void record(String uri, Exchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> {
            if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) {
                headers.put(k, String.valueOf(v));
            }
        });
        String body = exchange.getMessage().getBody(String.class);
        sent.add(new FlowTrial.Sent(uri, body == null ? "" : body, headers));
    }

    private static final class CaptureEndpoint extends DefaultEndpoint {
        private final CaptureComponent captures;

        CaptureEndpoint(String uri, CaptureComponent component) {
            super(uri, component);
            this.captures = component;
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) {
                    captures.record(getEndpointUri(), exchange);
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            DefaultConsumer consumer = new DefaultConsumer(this, processor);
            captures.consumers.put(getEndpointUri(), consumer);
            return consumer;
        }
    }
}
