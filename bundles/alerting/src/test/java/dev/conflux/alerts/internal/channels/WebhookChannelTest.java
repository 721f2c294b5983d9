package dev.conflux.alerts.internal.channels;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.conflux.alerts.channel.Notification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Against a real HTTP server on a free loopback port. */
public class WebhookChannelTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> token = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final CountDownLatch hold = new CountDownLatch(1);

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            token.set(exchange.getRequestHeaders().getFirst("X-Token"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = (status.get() == 200 ? "ok" : "no such hook\n  sorry").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @After
    public void stop() {
        hold.countDown();
        server.stop(0);
    }

    private WebhookChannel channel(String path, Duration timeout, String user, String password) {
        return new WebhookChannel("chat", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                timeout, user, password, Map.of("X-Token", "t-123"));
    }

    @Test
    public void postsTheAlertAsJsonWithSlackText() throws Exception {
        channel("/hook", Duration.ofSeconds(5), "hook", "s3cret").send(Fixtures.notification(Notification.Event.FIRING));

        JsonNode doc = new ObjectMapper().readTree(body.get());
        assertEquals("FIRING", doc.get("event").asText());
        String text = doc.get("text").asText();
        assertTrue(text, text.startsWith("[Conflux dev] FIRING: queue orders has 1 new dead letter\n"));
        assertTrue(text, text.contains("Value: 1 dead letter"));
        assertTrue(text, text.contains("Since: 2026-12-02T10:00:00Z"));
        assertTrue(text, text.contains("Link:  http://127.0.0.1:8181/hawtio/#/conflux?tab=deadletters"));
        assertEquals("http://127.0.0.1:8181/hawtio/#/conflux?tab=deadletters", doc.get("link").asText());
        assertEquals("dev", doc.get("environment").asText());
        assertEquals("root", doc.get("node").asText());
        JsonNode alert = doc.get("alert");
        assertEquals("dead-letters/orders", alert.get("id").asText());
        assertEquals("FIRING", alert.get("state").asText());
        assertEquals("critical", alert.get("severity").asText());
        assertEquals("2026-12-02T10:00:05Z", alert.get("firingSince").asText());
        assertTrue(alert.get("resolvedAt").isNull());
        assertEquals(17, alert.size());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hook:s3cret".getBytes(StandardCharsets.UTF_8)),
                authorization.get());
        assertEquals("t-123", token.get());
        assertTrue(contentType.get(), contentType.get().startsWith("application/json"));
    }

    @Test
    public void aNon2xxAnswerIsAFailureNamingTheStatus() throws Exception {
        status.set(404);
        try {
            channel("/hook", Duration.ofSeconds(5), null, null).send(Fixtures.notification(Notification.Event.RESOLVED));
            fail("a 404 must fail");
        } catch (IOException e) {
            assertEquals("http://127.0.0.1:" + server.getAddress().getPort() + "/hook answered HTTP 404: no such"
                    + " hook sorry", e.getMessage());
        }
        assertEquals(null, authorization.get());
    }

    @Test
    public void noAnswerWithinTheTimeoutIsAFailure() throws Exception {
        long start = System.nanoTime();
        try {
            channel("/slow", Duration.ofMillis(300), null, null).send(Fixtures.notification(Notification.Event.FIRING));
            fail("no answer must fail");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("no answer from http://127.0.0.1:"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("within 300 ms"));
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
    }

    @Test
    public void aRefusedConnectionIsAFailure() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        try {
            channel("/hook", Duration.ofSeconds(2), null, null).send(Fixtures.notification(Notification.Event.FIRING));
            fail("a refused connection must fail");
        } catch (IOException e) {
            assertEquals("cannot reach http://127.0.0.1:" + port + "/hook: connection refused", e.getMessage());
        }
    }

    @Test
    public void theShownUrlHasNoQuery() {
        assertEquals("https://hooks.slack.com/services/T0/B1", WebhookChannel.shown(
                "https://hooks.slack.com/services/T0/B1?token=x"));
    }
}
