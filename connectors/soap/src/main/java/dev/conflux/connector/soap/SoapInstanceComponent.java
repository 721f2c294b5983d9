package dev.conflux.connector.soap;

import static dev.conflux.connector.soap.SoapConnectorType.*;

import dev.conflux.connector.api.ConnectorSettings;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfComponent;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * A soap instance's component, one per flow: {@code NAME:operation} calls the instance's service with the body
 * as the request payload, with its credentials and timeouts. Named and annotated with its scheme so that Camel
 * finds the generated configurers that bind URI options.
 */
@Component("cxf")
final class SoapInstanceComponent extends CxfComponent {

    private final ConnectorSettings settings;
    private final String address;
    private final String wsdl;

    SoapInstanceComponent(ConnectorSettings settings, String address, String wsdl) {
        this.settings = settings;
        this.address = address;
        this.wsdl = wsdl;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        parameters.putIfAbsent("dataFormat", DataFormat.PAYLOAD.name());
        if (settings.has(WSDL)) {
            // The WSDL's operations and bindings; CXF reads it when the flow starts, without credentials.
            parameters.putIfAbsent("wsdlURL", wsdl);
            settings.optional(SERVICE).ifPresent(s -> parameters.putIfAbsent("serviceName", s));
            settings.optional(PORT).ifPresent(p -> parameters.putIfAbsent("portName", p));
            String operation = remaining.startsWith("//") ? remaining.substring(2) : remaining;
            if (!operation.isEmpty()) {
                parameters.putIfAbsent("defaultOperationName", operation);
            }
        }
        // Without wsdlUrl: dispatch mode, the body goes into the SOAP body as it is. Nothing is fetched
        // when the flow starts, so a flow starts while the service is down and each call reports it.
        CxfEndpoint endpoint = (CxfEndpoint) super.createEndpoint(uri, address, parameters);
        if (settings.has(USERNAME)) {
            endpoint.setUsername(settings.text(USERNAME));
            endpoint.setPassword(settings.secret(PASSWORD));
        }
        endpoint.setCxfConfigurer(new Timeouts());
        return endpoint;
    }

    /** Connect and receive timeouts on the client's HTTP conduit. */
    private final class Timeouts implements CxfConfigurer {
        @Override
        public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
        }

        @Override
        public void configureClient(Client client) {
            HTTPConduit conduit = (HTTPConduit) client.getConduit();
            HTTPClientPolicy policy = conduit.getClient() != null ? conduit.getClient() : new HTTPClientPolicy();
            policy.setConnectionTimeout(settings.millis(CONNECT_TIMEOUT));
            policy.setReceiveTimeout(settings.millis(RECEIVE_TIMEOUT));
            conduit.setClient(policy);
        }

        @Override
        public void configureServer(Server server) {
        }
    }
}
