package dev.conflux.connector.http;

import static dev.conflux.connector.http.HttpConnectorType.*;

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
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.http.common.HttpConfiguration;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.util.TimeValue;

/** One HTTP service. A flow's {@code NAME:orders/42?httpMethod=GET} calls {@code <baseUrl>/orders/42}. */
final class HttpConnector implements Connector {

    private final ConnectorSettings settings;
    private final String baseUrl;

    HttpConnector(ConnectorSettings settings) {
        this.settings = settings;
        String url = settings.text(BASE_URL);
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String url(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? baseUrl : baseUrl + "/" + p;
    }

    @Override
    public Component createComponent() {
        HttpComponent component = new HttpInstanceComponent(this);
        component.setConnectTimeout(settings.millis(CONNECT_TIMEOUT));
        component.setResponseTimeout(settings.millis(RESPONSE_TIMEOUT));
        int retries = settings.integer(RETRIES);
        long delay = settings.millis(RETRY_DELAY);
        component.setHttpClientConfigurer(builder -> builder.setRetryStrategy(
                new DefaultHttpRequestRetryStrategy(retries, TimeValue.ofMilliseconds(delay))));
        if (settings.has(USERNAME) || settings.has(TOKEN)) {
            HttpConfiguration auth = new HttpConfiguration();
            if (settings.has(TOKEN)) {
                auth.setAuthMethod("Bearer");
                auth.setAuthBearerToken(settings.secret(TOKEN));
            } else {
                auth.setAuthMethod("Basic");
                auth.setAuthUsername(settings.text(USERNAME));
                auth.setAuthPassword(settings.secret(PASSWORD));
            }
            component.setHttpConfiguration(auth);
        }
        return component;
    }

    @Override
    public Health check() {
        String target = url(settings.text(HEALTH_PATH));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).GET()
                .timeout(Duration.ofMillis(settings.millis(RESPONSE_TIMEOUT)));
        if (settings.has(TOKEN)) {
            request.header("Authorization", "Bearer " + settings.secret(TOKEN));
        } else if (settings.has(USERNAME)) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.text(USERNAME) + ":" + settings.secret(PASSWORD)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.millis(CONNECT_TIMEOUT)))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401 || status == 403) {
                return Health.down("authentication failed: HTTP " + status + " from " + target);
            }
            if (status >= 500) {
                return Health.down("server error: HTTP " + status + " from " + target);
            }
            return Health.up("HTTP " + status + " from " + target);
        } catch (HttpConnectTimeoutException e) {
            return Health.down("host unreachable: no connection to " + target + " within "
                    + settings.text(CONNECT_TIMEOUT));
        } catch (HttpTimeoutException e) {
            return Health.down("no answer from " + target + " within " + settings.text(RESPONSE_TIMEOUT));
        } catch (ConnectException e) {
            return Health.down("host unreachable: connection refused at " + target);
        } catch (SSLException e) {
            return Health.down("TLS error with " + target + ": " + e.getMessage());
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof SSLException) {
                return Health.down("TLS error with " + target + ": " + root.getMessage());
            }
            if (root instanceof ConnectException) {
                return Health.down("host unreachable: connection refused at " + target);
            }
            return Health.down(target + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }
}
