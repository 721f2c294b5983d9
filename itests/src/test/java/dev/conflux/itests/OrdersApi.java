package dev.conflux.itests;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP service of its own (the JDK's server) on a free loopback port, behind basic authentication:
 * {@code POST /api/orders} answers 201 "accepted BODY by METHOD"; {@code /api/flaky} answers 503 the first time
 * and 200 "second time lucky" afterwards; {@code /api/health} answers 200. Can be stopped and started again on
 * the same port.
 */
final class OrdersApi implements AutoCloseable {

    final int port;
    /** Calls of /api/flaky so far, across restarts. */
    final AtomicInteger flakyCalls = new AtomicInteger();
    private final String user;
    private final String password;
    private HttpServer server;

    OrdersApi(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.port = ConfluxDistribution.freePort();
        start();
    }

    /** The base URL flows' connector instances use. */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/api";
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        BasicAuthenticator auth = new BasicAuthenticator("orders") {
            @Override
            public boolean checkCredentials(String u, String p) {
                return user.equals(u) && password.equals(p);
            }
        };
        server.createContext("/api/orders", exchange -> answer(exchange, 201, "accepted "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " by "
                + exchange.getRequestMethod())).setAuthenticator(auth);
        server.createContext("/api/flaky", exchange -> {
            if (flakyCalls.incrementAndGet() == 1) {
                answer(exchange, 503, null);
            } else {
                answer(exchange, 200, "second time lucky");
            }
        }).setAuthenticator(auth);
        server.createContext("/api/health", exchange -> answer(exchange, 200, null)).setAuthenticator(auth);
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}
