package dev.conflux.itests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry backend's OTLP/HTTP receiver as far as a test needs one: the JDK's server on a free loopback port
 * that keeps every {@code POST /v1/traces} (headers and protobuf body) and answers 200.
 */
final class OtlpBackend implements AutoCloseable {

    /** One export request as it arrived. */
    record Export(String contentType, String authorization, byte[] body) {

        /** The body as Latin-1 text: protobuf keeps strings (names, attribute values) as their UTF-8 bytes. */
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final HttpServer server;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    OtlpBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", ex -> {
            if ("POST".equals(ex.getRequestMethod())) {
                exports.add(new Export(ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestBody().readAllBytes()));
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    String tracesUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** The first export whose body holds the text (e.g. an order id as a span's business-key attribute), or null. */
    Export holding(String text) {
        return exports.stream().filter(e -> e.text().contains(text)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
