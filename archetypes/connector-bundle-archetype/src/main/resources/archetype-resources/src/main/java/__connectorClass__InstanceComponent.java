package ${package};

import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A ${connectorType} instance's component, one per flow: {@code NAME:anything} sends the body as one line to the
 * instance's service and replaces it with the reply. A named class annotated with its scheme, like the shipped
 * connector types' components (Camel looks up generated URI option configurers by that scheme).
 */
@Component("${connectorType}")
final class ${connectorClass}InstanceComponent extends DefaultComponent {

    private final ${connectorClass}Connector connector;

    ${connectorClass}InstanceComponent(${connectorClass}Connector connector) {
        this.connector = connector;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) throws Exception {
                        String request = exchange.getMessage().getMandatoryBody(String.class);
                        exchange.getMessage().setBody(connector.call(request));
                    }
                };
            }

            @Override
            public Consumer createConsumer(Processor processor) {
                throw new UnsupportedOperationException("${connectorType} endpoints only send (use them in to:)");
            }
        };
    }
}
