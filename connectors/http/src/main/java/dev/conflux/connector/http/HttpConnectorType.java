package dev.conflux.connector.http;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Connector type "http": instances are configured in etc/conflux.connector.http-NAME.cfg. */
@Component(service = ConnectorType.class)
public class HttpConnectorType implements ConnectorType {

    static final String BASE_URL = "baseUrl";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TOKEN = "bearerToken";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String RESPONSE_TIMEOUT = "responseTimeout";
    static final String RETRIES = "retries";
    static final String RETRY_DELAY = "retryDelay";
    static final String HEALTH_PATH = "healthPath";

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String description() {
        return "HTTP(S) service: call REST and other HTTP APIs, with authentication, timeouts and retries";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(BASE_URL, Kind.URL, "Base URL; a flow's path (NAME:orders/42) is appended"),
                ConnectorKey.optional(USERNAME, Kind.TEXT, null, "User for HTTP basic authentication"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password for HTTP basic authentication"),
                ConnectorKey.optional(TOKEN, Kind.SECRET, null, "Bearer token (instead of username/password)"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect"),
                ConnectorKey.optional(RESPONSE_TIMEOUT, Kind.DURATION, "30s", "Longest wait for a response"),
                ConnectorKey.optional(RETRIES, Kind.INTEGER, "2", "Retries of idempotent requests (GET, PUT,"
                        + " DELETE…) after an I/O error or a 429/503 answer; POST is never retried"),
                ConnectorKey.optional(RETRY_DELAY, Kind.DURATION, "1s", "Wait between retries (a Retry-After"
                        + " header from the server takes precedence)"),
                ConnectorKey.optional(HEALTH_PATH, Kind.TEXT, "", "Path under baseUrl the health check GETs;"
                        + " any answer below 500 other than 401/403 counts as UP"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        if (settings.has(USERNAME) != settings.has(PASSWORD)) {
            throw new InvalidConfigurationException(settings.has(USERNAME) ? PASSWORD : USERNAME,
                    "username and password go together (basic authentication)");
        }
        if (settings.has(TOKEN) && settings.has(USERNAME)) {
            throw new InvalidConfigurationException(TOKEN, "use either bearerToken or username/password, not both");
        }
        if (settings.integer(RETRIES) < 0) {
            throw new InvalidConfigurationException(RETRIES, "must be 0 or more");
        }
        return new HttpConnector(settings);
    }
}
