package dev.conflux.itests;

import static dev.conflux.itests.SupportStaff.QUEUES;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The console and Jolokia against cross-site requests, as an outside tester tried them: a page on another site that
 * a logged-in admin visits sends requests to the console with the admin's session. Jolokia's policy
 * (etc/jolokia-access.xml, strict origin checking) refuses them before anything is executed and never names a
 * foreign origin in an {@code Access-Control-Allow-*} header; the session cookie is {@code HttpOnly} and
 * {@code SameSite=Strict}, so a browser would not even send it. The side effect each attack aims at, purging a queue,
 * is checked not to have happened; the same request from the console's own origin does purge it.
 */
public class ConsoleSecurityIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers();

    static final String EVIL = "http://evil.example";
    static final String VICTIM = "csrf.victim";

    static SupportStaff staff;
    static Jms jms;

    @BeforeClass
    public static void ready() throws Exception {
        staff = new SupportStaff(CONFLUX);
        Await.until("the queues MBean", Duration.ofMinutes(1), () -> staff.viewer.read(QUEUES, "Queues") != null);
        jms = CONFLUX.closeAfter(CONFLUX.jms());
    }

    /** The console's own login, as its login page sends it; the client keeps the session cookie from then on. */
    static HttpResponse<String> logIn(Http browser) throws Exception {
        HttpResponse<String> login = browser.post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                "{\"username\":\"admin\",\"password\":\"" + ConfluxDistribution.PASSWORD + "\"}");
        assertEquals(login.body(), 200, login.statusCode());
        return login;
    }

    static String purge(String queue) {
        return "{\"type\":\"exec\",\"mbean\":\"" + QUEUES + "\",\"operation\":\"purge\",\"arguments\":[\"" + queue + "\"]}";
    }

    /** A message on the victim queue, to be purged by nothing but the console itself. */
    static void oneMessageOnTheVictimQueue() throws Exception {
        if (staff.depth(VICTIM) == 0) {
            jms.send(VICTIM, "must survive cross-site requests");
        }
        Await.until(VICTIM + " with one message", Duration.ofSeconds(30), () -> staff.depth(VICTIM) == 1);
    }

    static List<String> corsHeaders(HttpResponse<?> r) {
        return r.headers().map().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                .filter(h -> h.startsWith("access-control-allow")).collect(Collectors.toList());
    }

    static void assertRefusedForItsOrigin(HttpResponse<String> r) throws Exception {
        assertEquals("Access-Control-Allow-* headers", List.of(), corsHeaders(r));
        JsonNode answer = Http.json(r);
        assertEquals("refused: " + answer, 403, answer.path("status").asInt());
        assertTrue(answer.toString(), answer.path("error").asText().contains("not allowed"));
        assertTrue("no value in a refusal: " + answer, answer.path("value").isMissingNode());
    }

    @Test
    public void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> login = logIn(new Http());
        List<String> session = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).collect(Collectors.toList());
        assertEquals("one session cookie: " + login.headers().allValues("Set-Cookie"), 1, session.size());
        String cookie = session.get(0).toLowerCase(Locale.ROOT);
        assertTrue(cookie, cookie.contains("; httponly"));
        assertTrue(cookie, cookie.contains("; samesite=strict"));
    }

    @Test
    public void aCrossOriginTextPlainPostWithTheSessionCookieExecutesNothing() throws Exception {
        oneMessageOnTheVictimQueue();
        Http browser = new Http();
        logIn(browser);

        // What a form or fetch() on another site sends: a "simple" request, with the session cookie attached.
        HttpResponse<String> attack = browser.post(CONFLUX.consoleUrl() + "/jolokia/", "text/plain", purge(VICTIM),
                "Origin", EVIL, "Referer", EVIL + "/cats.html");
        assertRefusedForItsOrigin(attack);
        // The same as a GET (an <img> on the other page), the referrer withheld by the page: no origin at all.
        HttpResponse<String> image = browser.get(CONFLUX.consoleUrl() + "/jolokia/exec/" + QUEUES + "/purge/" + VICTIM);
        assertEquals(List.of(), corsHeaders(image));
        assertEquals(image.body(), 403, Http.json(image).path("status").asInt());
        assertEquals("the queue was not purged", 1, staff.depth(VICTIM));

        // The console's own page sends the very same request, and it is executed.
        HttpResponse<String> own = browser.post(CONFLUX.consoleUrl() + "/jolokia/", "text/plain", purge(VICTIM),
                "Origin", CONFLUX.consoleOrigin());
        JsonNode answer = Http.json(own);
        assertEquals(answer.toString(), 200, answer.path("status").asInt());
        assertEquals(answer.toString(), 1, answer.path("value").asInt());
        assertEquals(0, staff.depth(VICTIM));
        assertEquals("CORS names nothing but the console itself", List.of(CONFLUX.consoleOrigin()),
                own.headers().allValues("Access-Control-Allow-Origin"));
    }

    @Test
    public void aForeignOriginGetsNoCorsHeadersAndExecutesNothingEvenWithCredentials() throws Exception {
        oneMessageOnTheVictimQueue();
        Http client = new Http();
        String basic = Http.basic(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD);

        assertRefusedForItsOrigin(client.get(CONFLUX.consoleUrl() + "/jolokia/read/java.lang:type=Runtime/Uptime",
                "Authorization", basic, "Origin", EVIL));
        assertRefusedForItsOrigin(client.post(CONFLUX.consoleUrl() + "/jolokia/", "application/json", purge(VICTIM),
                "Authorization", basic, "Origin", EVIL));
        // A look-alike of the console's origin is foreign too.
        assertRefusedForItsOrigin(client.post(CONFLUX.consoleUrl() + "/jolokia/", "application/json", purge(VICTIM),
                "Authorization", basic, "Origin", "http://127.0.0.1.evil.example:" + CONFLUX.httpPort));
        assertEquals("the queue was not purged", 1, staff.depth(VICTIM));

        // A browser's preflight for a JSON POST from the other site is not granted.
        HttpResponse<Void> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CONFLUX.consoleUrl() + "/jolokia/"))
                .timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", EVIL)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(List.of(), corsHeaders(preflight));
    }
}
