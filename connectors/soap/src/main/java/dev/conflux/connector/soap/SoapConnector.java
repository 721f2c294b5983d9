package dev.conflux.connector.soap;

import static dev.conflux.connector.soap.SoapConnectorType.*;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfComponent;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * One SOAP service. A flow's {@code NAME:operation} sends the message body as the request payload (the XML
 * element inside the SOAP body); the reply's payload becomes the body. With {@code wsdlUrl} set, CXF works from
 * the WSDL (operation by name, bindings); without it, the payload is sent as it is (dispatch).
 */
final class SoapConnector implements Connector {

    private final ConnectorSettings settings;
    private final String address;
    private final String wsdl;

    SoapConnector(ConnectorSettings settings) {
        this.settings = settings;
        this.address = settings.text(ADDRESS);
        this.wsdl = settings.optional(WSDL).orElse(address + "?wsdl");
    }

    @Override
    public Component createComponent() {
        return new CxfComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
                    throws Exception {
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
        };
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

    @Override
    public Health check() {
        // The configured WSDL when it is served over HTTP, else what the service says to ?wsdl.
        boolean strict = settings.has(WSDL) && wsdl.startsWith("http");
        String wsdl = strict ? this.wsdl : address + "?wsdl";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wsdl)).GET()
                .timeout(Duration.ofMillis(settings.millis(RECEIVE_TIMEOUT)));
        if (settings.has(USERNAME)) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.text(USERNAME) + ":" + settings.secret(PASSWORD)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.millis(CONNECT_TIMEOUT)))
                .build();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return Health.down("authentication failed: HTTP " + status + " from " + wsdl);
            }
            if (status >= 500) {
                return Health.down("server error: HTTP " + status + " from " + wsdl);
            }
            if (status != 200 || !response.body().contains("definitions")) {
                if (strict) {
                    return Health.down("the WSDL is not served: HTTP " + status + " from " + wsdl);
                }
                return Health.up("reachable (HTTP " + status + " for " + wsdl + ")");
            }
            return Health.up("WSDL served at " + wsdl);
        } catch (HttpConnectTimeoutException e) {
            return Health.down("host unreachable: no connection to " + wsdl + " within " + settings.text(CONNECT_TIMEOUT));
        } catch (HttpTimeoutException e) {
            return Health.down("no answer from " + wsdl + " within " + settings.text(RECEIVE_TIMEOUT));
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (e instanceof ConnectException || root instanceof ConnectException) {
                return Health.down("host unreachable: connection refused at " + wsdl);
            }
            if (e instanceof SSLException || root instanceof SSLException) {
                return Health.down("TLS error with " + wsdl + ": " + root.getMessage());
            }
            return Health.down(wsdl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }
}
