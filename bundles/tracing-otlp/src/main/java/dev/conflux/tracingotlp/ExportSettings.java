package dev.conflux.tracingotlp;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * etc/conflux.tracing.otlp.cfg, checked: a bad value is named in the exception's message (the component then stays
 * off and the log says why).
 */
record ExportSettings(String endpoint, Map<String, String> headers, int timeoutSeconds, int queueCapacity,
        String serviceName) {

    static final int MAX_TIMEOUT_SECONDS = 120;

    static ExportSettings of(OtlpExportComponent.Config c) {
        String endpoint = c.endpoint() == null || c.endpoint().isBlank() ? null : c.endpoint().trim();
        if (endpoint != null) {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("etc/conflux.tracing.otlp.cfg: endpoint '" + endpoint
                        + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("etc/conflux.tracing.otlp.cfg: endpoint '" + endpoint
                        + "' must be an http:// or https:// URL (e.g. http://127.0.0.1:4318/v1/traces)");
            }
        }
        if (c.timeout_seconds() < 1 || c.timeout_seconds() > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("etc/conflux.tracing.otlp.cfg: timeout.seconds must be 1 to "
                    + MAX_TIMEOUT_SECONDS + ", not " + c.timeout_seconds());
        }
        if (c.queue_capacity() < 1) {
            throw new IllegalArgumentException("etc/conflux.tracing.otlp.cfg: queue.capacity must be at least 1, not "
                    + c.queue_capacity());
        }
        String service = c.service_name() == null || c.service_name().isBlank() ? "conflux" : c.service_name().trim();
        return new ExportSettings(endpoint, parseHeaders(c.headers()), c.timeout_seconds(), c.queue_capacity(),
                service);
    }

    /** {@code name=value,name=value}; a value may hold {@code =} (a token), not a comma. */
    static Map<String, String> parseHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return headers;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("etc/conflux.tracing.otlp.cfg: headers must be name=value pairs "
                        + "separated by commas; '" + pair.trim() + "' is not one");
            }
            headers.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return headers;
    }

    /** The endpoint for logs: scheme, host, port and path, never a user or query. */
    String endpointText() {
        URI u = URI.create(endpoint);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
    }
}
