package dev.conflux.connector.http;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * An http instance's component, one per flow: a flow's path is appended to the instance's base URL. Named and
 * annotated with its scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("http")
final class HttpInstanceComponent extends HttpComponent {

    private final HttpConnector connector;

    HttpInstanceComponent(HttpConnector connector) {
        this.connector = connector;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String target = connector.url(remaining);
        return super.createEndpoint(target, target, parameters);
    }
}
