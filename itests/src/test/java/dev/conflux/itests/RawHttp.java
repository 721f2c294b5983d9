package dev.conflux.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket on loopback, for requests the JDK client will not send (malformed framing, lying
 * headers, bad request lines): one request per connection, the answer read until the server closes.
 */
final class RawHttp {

    /** A response read off the wire: status (-1: no HTTP answer), headers (lower-case names), body. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }

    private RawHttp() {
    }

    /** One request on its own connection; the server may answer before the whole request is written. */
    static Reply send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedEarly) {
                // the answer is already on its way: read it
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 15 s; got: " + bytes.toString(StandardCharsets.ISO_8859_1));
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            return parse(bytes.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** The final response in what arrived; interim 1xx answers (100 Continue) are skipped. */
    static Reply parse(String raw) {
        while (raw.startsWith("HTTP/1.1 1")) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                break;
            }
            raw = raw.substring(end + 4);
        }
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
            return new Reply(-1, Map.of(), "no HTTP answer: '" + raw + "'");
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())))) {
            body = unchunk(body);
        }
        body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            b.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return b.toString();
    }

    static byte[] head(String method, String target, String headers) {
        return (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request with a body of {@code content} and its true Content-Length. */
    static byte[] request(String method, String target, String contentType, byte[] content, String... headers) {
        StringBuilder h = new StringBuilder(contentType == null ? "" : "Content-Type: " + contentType + "\r\n");
        h.append("Content-Length: ").append(content.length).append("\r\n");
        for (String header : headers) {
            h.append(header).append("\r\n");
        }
        return concat(head(method, target, h.toString()), content);
    }

    static byte[] post(String target, String contentType, String body, String... headers) {
        return request("POST", target, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A chunked request; {@code transferEncoding} replaces the usual header when not empty. */
    static byte[] chunked(String target, String contentType, String transferEncoding, String body) {
        String te = transferEncoding.isEmpty() ? "Transfer-Encoding: chunked\r\n" : transferEncoding;
        return concat(head("POST", target, "Content-Type: " + contentType + "\r\n" + te), body.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
