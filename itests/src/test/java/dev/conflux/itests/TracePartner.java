package dev.conflux.itests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A partner's HTTP service of its own (the JDK's server, on a free loopback port) that flows call through an http
 * connector instance: {@code POST /partner/orders} keeps the body and the {@code traceparent} header it came with and
 * answers 201 "accepted BODY", or 500 while the body contains a token the test told it to refuse; {@code GET} (the
 * connector's health check) answers 200.
 */
final class TracePartner implements AutoCloseable {

    /** One POST as it arrived. */
    record Call(String traceparent, String body) {

        /** The trace id of the {@code traceparent} header (00-TRACEID-SPANID-FLAGS), or null. */
        String traceId() {
            String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
            return parts.length == 4 ? parts[1] : null;
        }

        String spanId() {
            String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
            return parts.length == 4 ? parts[2] : null;
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    TracePartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/partner", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/partner";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers 500 to every order whose body contains the token, until {@link #accept}. */
    void refuse(String token) {
        refused.add(token);
    }

    void accept(String token) {
        refused.remove(token);
    }

    /** Every call whose body contains the token, oldest first. */
    List<Call> callsWith(String token) {
        return calls.stream().filter(c -> c.body().contains(token)).toList();
    }

    /** The first call whose body contains the token, waiting for it. */
    Call awaitCall(String token) throws Exception {
        return Await.until("the partner called with " + token, Duration.ofSeconds(30),
                () -> callsWith(token).stream().findFirst().orElse(null));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 200, "partner up");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestHeaders().getFirst("traceparent"), body));
            if (refused.stream().anyMatch(body::contains)) {
                answer(exchange, 500, "refused");
            } else {
                answer(exchange, 201, "accepted " + body);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
