package dev.conflux.itests;

import static dev.conflux.itests.RawHttp.head;
import static dev.conflux.itests.RawHttp.post;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conflux.itests.RawHttp.Reply;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * What an outside tester found on the service plane (issue 15): requests a client got wrong are answered with the
 * right 4xx status as an RFC 9457 problem (REST/HTTP) or a {@code soap:Client} fault (SOAP), never with Java class
 * names, stack traces or the server's version, the endpoint list is not served, and the sample flow keeps accepting
 * good orders. Requests the JDK client will not send go over a raw socket.
 */
public class ServicePlaneErrorsIT {

    /** A service consumer (group consumers): paths without an endpoint policy ask for one's credentials first. */
    static final String CONSUMER = "errors-client";
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"));

    static final Http HTTP = new Http();
    static final String NS = "http://conflux.dev/sample/orders";
    /** Seeded variations: the same requests on every run unless -Dconflux.fuzz.seed says otherwise. */
    static final long SEED = Long.getLong("conflux.fuzz.seed", 15L);
    static final String ORDER = "{\"orderId\":\"%s\",\"customer\":\"ACME\",\"item\":\"widget\",\"quantity\":1}";
    static final Pattern LEAKS = Pattern.compile("java\\.|jakarta\\.|Exception|org\\.|Jetty|XMLStreamReader|StreamReadConstraints");

    @BeforeClass
    public static void ready() throws Exception {
        Await.until("the sample flow's REST endpoint", Duration.ofMinutes(1),
                () -> HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", "{}").statusCode() == 400);
    }

    @Test
    public void malformedRequestsGetTheRight4xxAsAProblemWithoutInternals() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, byte[]> requests = new LinkedHashMap<>();
        String json = String.format(ORDER, "never-" + UUID.randomUUID());

        add(requests, expected, "form-encoded body", 415, post("/api/orders", "application/x-www-form-urlencoded", "a=b&c=d"));
        add(requests, expected, "unknown charset", 415, post("/api/orders", "application/json; charset=bogus", json));
        add(requests, expected, "absurd charset", 415, post("/api/orders", "application/json; charset=" + "x".repeat(3000), json));
        add(requests, expected, "bad chunk size", 400, chunked("/api/orders", "", "zz\r\n{}\r\n0\r\n\r\n"));
        add(requests, expected, "huge chunk size", 400, chunked("/api/orders", "", "FFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"));
        add(requests, expected, "gzip, chunked", 400, chunked("/api/orders", "Transfer-Encoding: gzip, chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"));
        add(requests, expected, "gzip encoding, not gzip", 415, post("/api/orders", "application/json", json, "Content-Encoding: gzip"));
        add(requests, expected, "bogus Expect", 417, post("/api/orders", "application/json", json, "Expect: 100-continue-bogus"));
        add(requests, expected, "malformed query escape", 400, post("/api/orders?x=%ZZ", "application/json", json));
        add(requests, expected, "body over the limit", 413, head("POST", "/api/orders", "Content-Type: application/json\r\n"
                + "Content-Length: 2000000\r\n"));
        add(requests, expected, "chunked body over the limit", 413, chunked("/api/orders", "",
                (Integer.toHexString(100_000) + "\r\n" + " ".repeat(100_000) + "\r\n").repeat(12) + "0\r\n\r\n"));
        add(requests, expected, "5,000 headers", 431, head("GET", "/api/orders", "X-Fuzz: 1\r\n".repeat(5000)));
        add(requests, expected, "one 20 KB header", 431, head("GET", "/api/orders", "X-Fuzz: " + "v".repeat(20_000) + "\r\n"));
        add(requests, expected, "JSON nested too deep", 400, post("/api/orders", "application/json", "[".repeat(1500) + "]".repeat(1500)));
        add(requests, expected, "number too long", 400, post("/api/orders", "application/json", "{\"quantity\":" + "9".repeat(2000) + "}"));
        // Which paths exist is not told to anonymous callers: a path without a policy asks for credentials first.
        add(requests, expected, "unknown path, no credentials", 401, head("GET", "/api/no-such-thing", ""));
        add(requests, expected, "unknown path", 404, head("GET", "/api/no-such-thing", "Authorization: "
                + Http.basic(CONSUMER, CONSUMER_PASSWORD) + "\r\n"));
        add(requests, expected, "the endpoint list", 404, head("GET", "/services", ""));
        add(requests, expected, "the endpoint list/", 404, head("GET", "/services/", ""));
        add(requests, expected, "bad request line", 400, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        Random random = new Random(SEED);
        for (int i = 0; i < 10; i++) {
            add(requests, expected, "random chunk size " + i, 400, chunked("/api/orders", "",
                    randomToken(random, "ghijklmnopqrstuvwxyz=-") + "\r\n{}\r\n0\r\n\r\n"));
            add(requests, expected, "random charset " + i, 415, post("/api/orders", "application/json; charset=x-"
                    + randomToken(random, "abcdefghijklmnopqrstuvwxyz0123456789"), json));
            add(requests, expected, "random content encoding " + i, 415, post("/api/orders", "application/json", json,
                    "Content-Encoding: " + randomToken(random, "abcdefghijklmnopqrstuvwxyz")));
            add(requests, expected, "random expectation " + i, 417, head("GET", "/api/orders", "Expect: 1"
                    + randomToken(random, "0123456789-abcdefghijklmnopqrstuvwxyz") + "\r\n"));
            add(requests, expected, "random bad escape " + i, 400, post("/api/orders?q=%" + randomToken(random, "GHIJKLMNOPQRSTUVWXYZ"),
                    "application/json", json));
        }

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> request : requests.entrySet()) {
            String what = request.getKey();
            Reply reply = send(request.getValue());
            int status = expected.get(what);
            if (reply.status() != status) {
                failures.add(what + ": expected " + status + ", got " + reply.status() + " " + reply.body());
                continue;
            }
            failures.addAll(leaks(what, reply));
            if (!String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")) {
                failures.add(what + ": Content-Type " + reply.header("Content-Type"));
                continue;
            }
            JsonNode problem = Http.JSON.readTree(reply.body());
            if (problem.path("status").asInt() != status || problem.path("title").asText().isEmpty()
                    || problem.path("detail").asText().isEmpty()) {
                failures.add(what + ": not a problem document: " + reply.body());
            }
        }
        assertTrue(failures.size() + " of " + requests.size() + " requests (seed " + SEED + "):\n"
                + String.join("\n", failures), failures.isEmpty());
        assertGoodOrdersStillProcessed();
    }

    @Test
    public void problemsSayWhatToFix() throws Exception {
        Reply charset = send(post("/api/orders", "application/json; charset=bogus", "{}"));
        assertEquals("Unsupported charset 'bogus' in Content-Type: use UTF-8.",
                Http.JSON.readTree(charset.body()).get("detail").asText());
        Reply encoding = send(post("/api/orders", "application/json", "{}", "Content-Encoding: gzip"));
        assertEquals("identity", encoding.header("Accept-Encoding"));
        HttpResponse<String> form = HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/x-www-form-urlencoded", "a=b");
        assertEquals(415, form.statusCode());
        assertEquals("Unsupported content type 'application/x-www-form-urlencoded': send the order as application/json",
                Http.json(form).get("detail").asText());
        HttpResponse<String> tooDeep = HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", "[".repeat(1500));
        assertEquals(400, tooDeep.statusCode());
        assertEquals("Malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
                Http.json(tooDeep).get("detail").asText());
    }

    @Test
    public void soapClientMistakesAreClientFaultsWithoutInternalsOrStackTraces() throws Exception {
        File log = new File(CONFLUX.home(), "data/log/karaf.log");
        long before = log.length();
        String action = "\"" + NS + "/submitOrder\"";
        Map<String, HttpResponse<String>> faults = new LinkedHashMap<>();
        faults.put("unparsable body", soap("garbage<<", action));
        faults.put("unclosed element", soap(envelope("<o:submitOrder><o:item>x</o:submitOrder>"), action));
        faults.put("wrong SOAPAction", soap(envelope(submitOrder("s-" + UUID.randomUUID())), "\"urn:wrong\""));
        faults.put("invalid order", soap(envelope("<o:submitOrder><o:item>x</o:item><o:quantity>many</o:quantity></o:submitOrder>"), action));
        faults.put("wsdl path traversal", HTTP.get(CONFLUX.servicesUrl() + "/services/orders?wsdl=../../../../etc/passwd"));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, HttpResponse<String>> fault : faults.entrySet()) {
            HttpResponse<String> r = fault.getValue();
            Reply reply = new Reply(r.statusCode(), r.headers().map(), r.body());
            if (!r.body().contains("<faultcode>soap:Client</faultcode>")) {
                failures.add(fault.getKey() + ": not a soap:Client fault: " + r.statusCode() + " " + r.body());
            }
            failures.addAll(leaks(fault.getKey(), reply));
        }
        assertTrue(String.join("\n", failures), failures.isEmpty());
        assertTrue(faults.get("unparsable body").body(), faults.get("unparsable body").body()
                .contains("<faultstring>The request is not well-formed XML (line 1, column 1)</faultstring>"));

        // Each refusal is one WARN line; none is an ERROR and none carries a stack trace.
        String logged = Await.until("the refusals in the log", Duration.ofSeconds(10), () -> {
            String tail = tail(log, before);
            return tail.split("Refused a SOAP request", -1).length > faults.size() ? tail : null;
        });
        assertFalse(logged, logged.contains("| ERROR |"));
        assertFalse(logged, logged.contains("\tat "));
        assertGoodOrdersStillProcessed();
    }

    @Test
    public void requestsToSoapEndpointsThatNoEndpointCanServeGetFaultsOfTheirVersion() throws Exception {
        String envelope = envelope(submitOrder("never-" + UUID.randomUUID()));
        Reply soap11 = send(post("/services/orders", "text/xml; charset=bogus", envelope, "SOAPAction: \"" + NS + "/submitOrder\""));
        assertEquals(soap11.body(), 415, soap11.status());
        assertTrue(soap11.body(), soap11.body().contains("<faultcode>soap:Client</faultcode><faultstring>Unsupported charset"
                + " 'bogus' in Content-Type: use UTF-8.</faultstring>"));
        assertEquals(List.of(), leaks("SOAP 1.1 charset", soap11));
        Reply soap12 = send(post("/services/orders", "application/soap+xml; charset=utf-8", envelope, "Content-Encoding: br"));
        assertEquals(soap12.body(), 415, soap12.status());
        assertTrue(soap12.header("Content-Type"), soap12.header("Content-Type").startsWith("application/soap+xml"));
        assertTrue(soap12.body(), soap12.body().contains("<soap:Value>soap:Sender</soap:Value>"));
        assertEquals(List.of(), leaks("SOAP 1.2 encoding", soap12));
    }

    // ---- the sample flow still works

    private static void assertGoodOrdersStillProcessed() throws Exception {
        String id = "after-errors-" + UUID.randomUUID();
        HttpResponse<String> r = HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", String.format(ORDER, id));
        assertEquals(r.body(), 202, r.statusCode());
        assertTrue(r.headers().firstValue("Server").isEmpty());
        String soapId = "after-errors-soap-" + UUID.randomUUID();
        HttpResponse<String> s = soap(envelope(submitOrder(soapId)), "\"" + NS + "/submitOrder\"");
        assertEquals(s.body(), 200, s.statusCode());
        for (String orderId : new String[] {id, soapId}) {
            File file = new File(CONFLUX.home(), "data/sample-orders/" + orderId + ".json");
            JsonNode result = Await.until("result file " + file, Duration.ofSeconds(30),
                    () -> file.isFile() ? Http.JSON.readTree(Files.readString(file.toPath())) : null);
            assertEquals("PROCESSED", result.get("status").asText());
        }
    }

    // ---- requests

    private static Reply send(byte[] request) throws IOException {
        return RawHttp.send(CONFLUX.servicesPort, request);
    }

    private static byte[] chunked(String path, String transferEncoding, String body) {
        return RawHttp.chunked(path, "application/json", transferEncoding, body);
    }

    private static List<String> leaks(String what, Reply reply) {
        List<String> found = new ArrayList<>();
        if (reply.header("Server") != null) {
            found.add(what + ": Server header " + reply.header("Server"));
        }
        if (LEAKS.matcher(reply.body()).find()) {
            found.add(what + ": body names internals: " + reply.body());
        }
        return found;
    }

    private static void add(Map<String, byte[]> requests, Map<String, Integer> expected, String what, int status, byte[] request) {
        requests.put(what, request);
        expected.put(what, status);
    }

    private static String randomToken(Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static HttpResponse<String> soap(String envelope, String action) throws Exception {
        return HTTP.post(CONFLUX.servicesUrl() + "/services/orders", "text/xml; charset=utf-8", envelope, "SOAPAction", action);
    }

    private static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"" + NS + "\">"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String submitOrder(String orderId) {
        return "<o:submitOrder><o:orderId>" + orderId + "</o:orderId><o:customer>ACME</o:customer>"
                + "<o:item>bolt</o:item><o:quantity>2</o:quantity></o:submitOrder>";
    }

    private static String tail(File file, long from) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file, "r")) {
            f.seek(Math.min(from, f.length()));
            byte[] bytes = new byte[(int) (f.length() - f.getFilePointer())];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
