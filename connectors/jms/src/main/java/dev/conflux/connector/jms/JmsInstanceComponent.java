package dev.conflux.connector.jms;

import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.annotations.Component;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A jms instance's component, one per flow, on a pooled connection of its own that closes with it. Named and
 * annotated with its scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("jms")
final class JmsInstanceComponent extends JmsComponent {

    private final CachingConnectionFactory connections;

    JmsInstanceComponent(CachingConnectionFactory connections) {
        this.connections = connections;
        setConnectionFactory(connections);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        connections.destroy();
    }
}
