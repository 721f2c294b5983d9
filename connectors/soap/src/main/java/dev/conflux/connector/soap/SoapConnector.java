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
import javax.net.ssl.SSLException;
import org.apache.camel.Component;

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
        return new SoapInstanceComponent(settings, address, wsdl);
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
