package dev.conflux.itests;

import static dev.conflux.itests.RawHttp.chunked;
import static dev.conflux.itests.RawHttp.concat;
import static dev.conflux.itests.RawHttp.head;
import static dev.conflux.itests.RawHttp.post;
import static dev.conflux.itests.RawHttp.request;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded requests to the sample flow's REST ({@code /api/orders}) and SOAP ({@code /services/orders}) endpoints for
 * {@link ServicePlaneFuzzIT}: malformed ones, mostly as raw bytes, and valid orders interleaved. Each says which
 * error format an error answer must have and whether the server may accept it.
 */
final class FuzzRequests {

    static final String NS = "http://conflux.dev/sample/orders";
    static final String REST = "/api/orders";
    static final String SOAP = "/services/orders";
    static final String ACTION = "SOAPAction: \"" + NS + "/submitOrder\"";

    /** The error format an error answer must have. */
    enum Format { PROBLEM, SOAP11, SOAP12 }

    /** Whether the server may answer 2xx. */
    enum Outcome { MUST_FAIL, MAY_SUCCEED, MUST_SUCCEED }

    /**
     * One request: raw bytes, or a well-formed request for the JDK client. {@code orderId}: the id of the order it
     * carries if the server may accept it. {@code mayCloseSilently}: a client that lies about its body and stops
     * sending may get no answer.
     */
    record Case(String kind, Format format, Outcome outcome, String orderId, byte[] raw, HttpRequest request,
            boolean mayCloseSilently) {
    }

    private final Random random;
    private final String baseUrl;
    private final String prefix;
    private int ids;

    FuzzRequests(long seed, String baseUrl) {
        this.random = new Random(seed);
        this.baseUrl = baseUrl;
        this.prefix = "fuzz-" + seed + "-" + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
    }

    /** {@code malformed} requests of every kind in a seeded order, with a valid order after every {@code every}. */
    List<Case> build(int every) {
        List<Case> bad = new ArrayList<>();
        restRequests(bad);
        soapRequests(bad);
        Collections.shuffle(bad, random);
        List<Case> all = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            all.add(bad.get(i));
            if (i % every == every - 1) {
                all.add(random.nextInt(3) == 0 ? validSoap() : validRest());
            }
        }
        return all;
    }

    private void restRequests(List<Case> c) {
        times(c, 60, () -> rest("truncated JSON", postJson(truncate(order(nextId(), "ACME")))));
        times(c, 40, () -> rest("deeply nested JSON", postJson(nested(1001 + random.nextInt(20_000)))));
        times(c, 40, () -> rest("number too long", postJson("{\"customer\":\"ACME\",\"item\":\"bolt\",\"quantity\":"
                + digits(1001 + random.nextInt(9000)) + "}")));
        times(c, 4, () -> rest("huge JSON field", postJson(order(nextId(), "x".repeat(200_000 + random.nextInt(700_000))))));
        times(c, 60, () -> rest("invalid UTF-8", request("POST", REST, "application/json", invalidUtf8(order(nextId(), "ACME")))));
        times(c, 50, () -> rest("wrong content type", post(REST, pick("text/plain", "application/xml", "text/xml",
                "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "json", "application/jsonx",
                "*/*", "application/" + token("abcdefghijklmnopqrstuvwxyz", 12)), order(nextId(), "ACME"))));
        times(c, 40, () -> rest("unknown charset", post(REST, "application/json; charset=" + pick("bogus", "utf-9",
                "x".repeat(1000 + random.nextInt(5000)), "\"\"", "utf-8\u00ff", token("abcdefghijklmnopqrstuvwxyz0123456789-_", 30)),
                order(nextId(), "ACME"))));
        times(c, 20, () -> rest("form-urlencoded", post(REST, "application/x-www-form-urlencoded",
                "orderId=" + nextId() + "&customer=ACME&item=bolt&quantity=1")));
        times(c, 50, () -> rest("content encoding", post(REST, "application/json", order(nextId(), "ACME"), "Content-Encoding: "
                + pick("gzip", "deflate", "br", "compress", "gzip, identity", "x-" + token("abcdefghij", 8), "identity, gzip"))));
        times(c, 40, () -> rest("transfer encoding", chunked(REST, "application/json", "Transfer-Encoding: "
                + pick("gzip, chunked", "chunked, gzip", "identity", "deflate", token("abcdefghij", 8)) + "\r\n", "2\r\n{}\r\n0\r\n\r\n")));
        times(c, 50, () -> rest("bad chunk size", chunked(REST, "application/json", "", pick("zz", "-1", "FFFFFFFFFFFFFFFFFF",
                "0x10", " ", token("ghijklmnopqrstuvwxyz=", 6), "7fffffffffffffff") + "\r\n{}\r\n0\r\n\r\n")));
        times(c, 3, () -> rest("10 MB body", request("POST", REST, "application/json", tenMegabytes())));
        times(c, 2, () -> rest("10 MB chunked body", chunked(REST, "application/json", "",
                (Integer.toHexString(1 << 20) + "\r\n" + " ".repeat(1 << 20) + "\r\n").repeat(10) + "0\r\n\r\n")));
        times(c, 4, () -> rest("5,000 headers", head("POST", REST, "Content-Length: 0\r\n" + "X-Fuzz: 1\r\n".repeat(5000))));
        times(c, 40, () -> rest("expectation", post(REST, "application/json", order(nextId(), "ACME"), "Expect: "
                + pick("100-continue-bogus", "200-ok", "", "100-continue, foo", token("abcdefghij-0123456789", 15)))));
        times(c, 10, () -> {
            String id = nextId();
            return new Case("Expect: 100-continue", Format.PROBLEM, Outcome.MAY_SUCCEED, id,
                    post(REST, "application/json", order(id, "ACME"), "Expect: 100-continue"), null, false);
        });
        times(c, 40, () -> rest("bad query escape", post(REST + "?" + pick("x=%ZZ", "x=%", "x=%G1", "%e9%", "a=%%", "q=%" + token("ghijk", 2)),
                "application/json", order(nextId(), "ACME"))));
        times(c, 30, () -> rest("other method", request(pick("PUT", "DELETE", "PATCH", "TRACE", "GET"), REST,
                "application/json", bytes(order(nextId(), "ACME")))));
        times(c, 100, () -> rest("unsafe order id", postJson(order(badId(), "ACME"))));
        times(c, 40, () -> rest("unwritable customer", postJson(order(nextId(), pick("AC\\u0000ME", "ACME\\u0000", "AC\\ud800ME",
                "\\udc00", "\\u001b[31m", "x".repeat(201 + random.nextInt(5000)), "a\\u0007b")))));
        times(c, 30, () -> rest("path traversal", post(pick("/api/orders/../../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd",
                "/api/orders%00", "/api/orders/%00", "/api/orders/..;/x", "/api/orders/%2F..%2F..%2Fx", "/api/..%5c..%5cx",
                "/api/orders/" + badId().replace("\\u0000", "%00")), "application/json", order(nextId(), "ACME"))));
        times(c, 10, () -> {
            byte[] body = bytes(order(nextId(), "ACME"));
            byte[] raw = concat(head("POST", REST, "Content-Type: application/json\r\nContent-Length: " + (body.length + 1
                    + random.nextInt(1000)) + "\r\n"), body);
            return new Case("lying Content-Length", Format.PROBLEM, Outcome.MUST_FAIL, null, raw, null, true);
        });
        times(c, 30, () -> rest("malformed request", garbageRequest()));
        times(c, 30, () -> rest("invalid quantity", postJson("{\"orderId\":\"" + nextId() + "\",\"customer\":\"ACME\",\"item\":\"bolt\","
                + "\"quantity\":" + pick("-1", "0", "1.5", "\"abc\"", "1e400", "2147483648", "null", "[]", "{}", "\"\"") + "}")));
        times(c, 20, () -> rest("not an object", postJson(pick("[]", "\"order\"", "123", "null", "true", "", " ", "{}", "[{}]"))));
        times(c, 20, () -> jdk("wrong content type (JDK client)", Format.PROBLEM, REST, "POST", pick("text/plain", "application/xml"),
                order(nextId(), "ACME")));
        times(c, 20, () -> jdk("unsafe order id (JDK client)", Format.PROBLEM, REST, "POST", "application/json", order(badId(), "ACME")));
        times(c, 10, () -> jdk("other method (JDK client)", Format.PROBLEM, REST, pick("PUT", "DELETE", "PATCH"), "application/json",
                order(nextId(), "ACME")));
    }

    private void soapRequests(List<Case> c) {
        times(c, 40, () -> soap11("unparsable XML", pick("garbage<<", "<", "", "<?xml version=\"1.0\"?>", "{\"json\":true}",
                "<a><b></a>", "\u00ff\u00fe<x/>", envelope11("<o:submitOrder>") + "</x>")));
        times(c, 30, () -> {
            // CXF reads no further than the operation's element: cut after it, the order may be accepted.
            String id = nextId();
            String cut = truncate(envelope11(submitOrder(id, "ACME")));
            return cut.contains("</o:submitOrder>") ? new Case("truncated envelope", Format.SOAP11, Outcome.MAY_SUCCEED, id,
                    post(SOAP, "text/xml; charset=utf-8", cut, ACTION), null, false) : soap11("truncated envelope", cut);
        });
        times(c, 20, () -> soap11("XXE", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + pick("file:///etc/passwd",
                "file:///etc/hostname", "http://127.0.0.1:1/x", "../../../../etc/passwd") + "\">]>"
                + envelope11(submitOrder(nextId(), "&xxe;"))));
        times(c, 15, () -> soap11("entity expansion", billionLaughs() + envelope11(submitOrder(nextId(), "&lol9;"))));
        times(c, 20, () -> {
            String id = nextId();
            return new Case("SOAP 1.2 envelope", Format.SOAP12, Outcome.MAY_SUCCEED, id, post(SOAP,
                    "application/soap+xml; charset=utf-8; action=\"" + NS + "/submitOrder\"", envelope12(submitOrder(id, "ACME"))), null, false);
        });
        times(c, 20, () -> new Case("SOAP 1.2 invalid order", Format.SOAP12, Outcome.MUST_FAIL, null, post(SOAP,
                "application/soap+xml; charset=utf-8", envelope12(submitOrder(badXmlId(), "ACME"))), null, false));
        times(c, 20, () -> {
            String id = nextId();
            return new Case("missing SOAPAction", Format.SOAP11, Outcome.MAY_SUCCEED, id, post(SOAP, "text/xml; charset=utf-8",
                    envelope11(submitOrder(id, "ACME"))), null, false);
        });
        times(c, 20, () -> soap11("wrong SOAPAction", post(SOAP, "text/xml; charset=utf-8", envelope11(submitOrder(nextId(), "ACME")),
                "SOAPAction: \"" + pick("urn:wrong", NS + "/deleteOrder", "../../x") + "\"")));
        times(c, 20, () -> {
            String element = pick("cancelOrder", "submitorder", "x");
            return soap11("unknown element", envelope11("<o:" + element + "><o:orderId>" + nextId() + "</o:orderId></o:" + element + ">"));
        });
        times(c, 50, () -> soap11("unsafe order id", envelope11(submitOrder(badXmlId(), "ACME"))));
        times(c, 20, () -> soap11("unwritable customer", envelope11(submitOrder(nextId(), pick("AC&#0;ME", "&#xD800;", "a&#1;b",
                "x".repeat(201 + random.nextInt(3000)), "&#x1b;[31m")))));
        times(c, 20, () -> soap11("WSDL path traversal", head("GET", SOAP + "?" + pick("wsdl=../../../../etc/passwd",
                "wsdl=/etc/passwd", "wsdl=file:///etc/passwd", "xsd=../../../../etc/passwd", "wsdl=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "wsdl=..\\..\\etc\\passwd", "wsdl=" + token("abc/.", 20)), "")));
        times(c, 20, () -> soap11("other method", request(pick("PUT", "DELETE", "PATCH", "TRACE"), SOAP, "text/xml; charset=utf-8",
                bytes(envelope11(submitOrder(nextId(), "ACME"))), ACTION)));
        times(c, 20, () -> soap11("wrong content type", post(SOAP, pick("application/json", "text/plain", "application/x-www-form-urlencoded"),
                envelope11(submitOrder(nextId(), "ACME")), ACTION)));
        times(c, 2, () -> soap11("10 MB body", request("POST", SOAP, "text/xml; charset=utf-8", tenMegabytes(), ACTION)));
        times(c, 2, () -> soap11("5,000 headers", head("POST", SOAP, "Content-Type: text/xml\r\nContent-Length: 0\r\n"
                + "X-Fuzz: 1\r\n".repeat(5000))));
        times(c, 10, () -> soap11("deeply nested XML", envelope11("<a>".repeat(1000 + random.nextInt(20_000)))));
        times(c, 15, () -> soap11("content encoding", post(SOAP, "text/xml; charset=utf-8", envelope11(submitOrder(nextId(), "ACME")),
                ACTION, "Content-Encoding: " + pick("gzip", "br", "deflate"))));
        times(c, 15, () -> soap11("unknown charset", post(SOAP, "text/xml; charset=" + pick("bogus", "x".repeat(2000), "utf-9"),
                envelope11(submitOrder(nextId(), "ACME")), ACTION)));
        times(c, 10, () -> jdk("unsafe order id (JDK client)", Format.SOAP11, SOAP, "POST", "text/xml; charset=utf-8",
                envelope11(submitOrder(badXmlId(), "ACME"))));
    }

    // ---- valid orders

    Case validRest() {
        String id = nextId();
        return new Case("valid REST order", Format.PROBLEM, Outcome.MUST_SUCCEED, id, null,
                jdkRequest(REST, "POST", "application/json", order(id, pick("ACME", "Café Ünïcode", "O'Brien & Sons", "\\ud83d\\ude00 Ltd"))),
                false);
    }

    Case validSoap() {
        String id = nextId();
        return new Case("valid SOAP order", Format.SOAP11, Outcome.MUST_SUCCEED, id, null,
                jdkRequest(SOAP, "POST", "text/xml; charset=utf-8", envelope11(submitOrder(id, pick("ACME", "Café &amp; Co")))), false);
    }

    // ---- building blocks

    private Case rest(String kind, byte[] raw) {
        return new Case(kind, Format.PROBLEM, Outcome.MUST_FAIL, null, raw, null, false);
    }

    private Case soap11(String kind, String envelope) {
        return soap11(kind, post(SOAP, "text/xml; charset=utf-8", envelope, ACTION));
    }

    private Case soap11(String kind, byte[] raw) {
        return new Case(kind, Format.SOAP11, Outcome.MUST_FAIL, null, raw, null, false);
    }

    private Case jdk(String kind, Format format, String path, String method, String contentType, String body) {
        return new Case(kind, format, Outcome.MUST_FAIL, null, null, jdkRequest(path, method, contentType, body), false);
    }

    private HttpRequest jdkRequest(String path, String method, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (path.equals(SOAP)) {
            b.header("SOAPAction", "\"" + NS + "/submitOrder\"");
        }
        return b.build();
    }

    private static byte[] postJson(String json) {
        return post(REST, "application/json", json);
    }

    private void times(List<Case> cases, int n, Supplier<Case> next) {
        for (int i = 0; i < n; i++) {
            cases.add(next.get());
        }
    }

    private String nextId() {
        return prefix + (++ids);
    }

    /** An order id that is not a safe file name (as a JSON string literal's content). */
    private String badId() {
        return pick("../../x", "..\\\\..\\\\x", "/tmp/x", "a/b/c", "<script>", ".", "..", ".hidden", "a\\u0000b", "x\\u0001",
                "\\ud800", "a b", "\\u00e9t\\u00e9", "C:\\\\x", "x".repeat(65 + random.nextInt(5000)), "../" + nextId(),
                nextId() + "/..", "*", "a?b", "x\\ty");
    }

    private String badXmlId() {
        return pick("../../x", "..\\..\\x", "/tmp/x", "a/b/c", "&lt;script&gt;", ".", "..", ".hidden", "a b", "&#xe9;t&#xe9;",
                "x".repeat(65 + random.nextInt(5000)), "../" + nextId(), "a&#0;b", "&#xD800;");
    }

    static String order(String id, String customer) {
        return "{\"orderId\":\"" + id + "\",\"customer\":\"" + customer + "\",\"item\":\"bolt\",\"quantity\":2}";
    }

    static String submitOrder(String id, String customer) {
        return "<o:submitOrder><o:orderId>" + id + "</o:orderId><o:customer>" + customer + "</o:customer>"
                + "<o:item>bolt</o:item><o:quantity>2</o:quantity></o:submitOrder>";
    }

    static String envelope11(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"" + NS + "\">"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    static String envelope12(String body) {
        return "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:o=\"" + NS + "\">"
                + "<env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return b.append("]>").toString();
    }

    private String truncate(String s) {
        return s.substring(0, 1 + random.nextInt(s.length() - 1));
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder("9");
        while (b.length() < n) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** The JSON with byte sequences that are not UTF-8 in the customer. */
    private byte[] invalidUtf8(String json) {
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
        int at = json.indexOf("ACME") + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(json.substring(0, at)));
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes(bytes(json.substring(at)));
        return out.toByteArray();
    }

    private static byte[] tenMegabytes() {
        byte[] body = new byte[10 << 20];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private byte[] garbageRequest() {
        return switch (random.nextInt(6)) {
            case 0 -> bytes("GARBAGE\r\n\r\n");
            case 1 -> bytes("POST /api/orders HTTP/9.9\r\nHost: x\r\n\r\n");
            case 2 -> bytes("POST /api/orders\u0001 HTTP/1.1\r\nHost: x\r\n\r\n");
            case 3 -> bytes("POST " + REST + "?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            case 4 -> bytes("POST /api/orders HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
            default -> {
                byte[] b = new byte[1 + random.nextInt(2000)];
                random.nextBytes(b);
                yield concat(bytes("P"), b);
            }
        };
    }

    private String token(String alphabet, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(max); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
