package dev.conflux.alerts.internal.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * POSTs each notification as JSON to a URL: {@code text} (what Slack and Teams incoming webhooks show), {@code event},
 * {@code alert} (every field of the alert), {@code link}, {@code environment} and {@code node}. HTTP Basic
 * credentials and extra headers (a token) come from the channel's configuration. Anything but a 2xx answer within
 * the timeout is a failure, thrown with a message that names the status or the timeout but never a credential.
 */
final class WebhookChannel implements Channel {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_SHOWN = 200;

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final String authorization;
    private final Map<String, String> headers;
    private final HttpClient client;

    WebhookChannel(String name, URI url, Duration timeout, String username, String password,
            Map<String, String> headers) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.headers = Map.copyOf(headers);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code password} is the clear text of the spec's password (decrypted when it is ENC(...)). */
    static WebhookChannel of(ChannelSpec spec, String password) {
        Duration timeout = spec.values().containsKey("timeout") ? ChannelSpec.duration(spec.value("timeout"))
                : DEFAULT_TIMEOUT;
        return new WebhookChannel(spec.name(), URI.create(spec.value("url")), timeout, spec.value("username"),
                password, spec.headers());
    }

    /** The URL without query or credentials, for operators. */
    static String shown(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(document(notification))));
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer from " + shown(url.toString()) + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new IOException("cannot reach " + shown(url.toString()) + ": " + reason(e));
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            throw new IOException(shown(url.toString()) + " answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + (body.length() > MAX_BODY_SHOWN
                            ? body.substring(0, MAX_BODY_SHOWN) + "…" : body)));
        }
    }

    /** The JSON document posted. */
    static ObjectNode document(Notification n) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("text", Messages.headline(n, null) + "\n" + Messages.body(n));
        doc.put("event", n.event().name());
        Alert a = n.alert();
        ObjectNode alert = doc.putObject("alert");
        alert.put("id", a.id());
        alert.put("rule", a.rule());
        alert.put("kind", a.kind());
        alert.put("target", a.target());
        alert.put("state", a.state() == null ? null : a.state().name());
        alert.put("severity", a.severity());
        alert.put("summary", a.summary());
        alert.put("value", a.value());
        alert.put("since", time(a.since()));
        alert.put("firingSince", time(a.firingSince()));
        alert.put("resolvedAt", time(a.resolvedAt()));
        alert.put("lastNotifiedAt", time(a.lastNotifiedAt()));
        alert.put("acknowledgedBy", a.acknowledgedBy());
        alert.put("acknowledgedAt", time(a.acknowledgedAt()));
        alert.put("acknowledgeComment", a.acknowledgeComment());
        alert.put("silenced", a.silenced());
        alert.put("link", a.link());
        doc.put("link", n.link());
        doc.put("environment", n.environment());
        doc.put("node", n.node());
        return doc;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        return e.getMessage() == null ? "connection failed" : e.getMessage();
    }
}
