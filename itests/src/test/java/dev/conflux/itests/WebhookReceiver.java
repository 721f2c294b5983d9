package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A chat tool's incoming webhook, as the test's own HTTP server (the JDK's, on a free loopback port): keeps every
 * POST to {@code /hook} with its JSON body, headers and arrival time, and answers 200.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST: when it arrived (wall clock and {@link System#nanoTime()}), its JSON and two headers. */
    record Call(Instant at, long nanos, JsonNode body, String authorization, String testHeader) {

        String event() {
            return body.path("event").asText();
        }

        String alertId() {
            return body.path("alert").path("id").asText();
        }
    }

    static final String TEST_HEADER = "X-Conflux-Test";

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            long nanos = System.nanoTime();
            try (exchange) {
                JsonNode body = Http.JSON.readTree(exchange.getRequestBody());
                calls.add(new Call(Instant.now(), nanos, body, exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst(TEST_HEADER)));
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
        });
        server.start();
    }

    /** Where the channel posts to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every call for one alert, oldest first. */
    List<Call> callsFor(String alertId) {
        return calls.stream().filter(c -> alertId.equals(c.alertId())).toList();
    }

    /** Waits for the first call of an event (FIRING, REPEAT, RESOLVED) for an alert. */
    Call await(String event, String alertId, Duration timeout) throws Exception {
        Predicate<Call> wanted = c -> event.equals(c.event()) && alertId.equals(c.alertId());
        return Await.until(event + " of " + alertId + " at the webhook", timeout,
                () -> calls.stream().filter(wanted).findFirst().orElse(null));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
