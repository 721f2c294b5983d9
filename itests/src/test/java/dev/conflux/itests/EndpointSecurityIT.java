package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSSecurityException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Authenticated service endpoints as a client and an administrator meet them: a flow publishing REST endpoints,
 * endpoint policies dropped into etc/ (and taken back) while Conflux runs, Basic with a consumer account, API keys
 * issued and revoked in the shell, a rate limit, the consumer's name reaching the flow and never a client's claim
 * of it; and a consumer account that opens nothing but the service plane.
 */
public class EndpointSecurityIT {

    static final String CONSUMER = "orders-client";
    static final String CONSUMER_PASSWORD = "consumer-" + UUID.randomUUID();
    /** A consumer whose password is guessed at (its own account, so the lock touches no other test). */
    static final String GUESSED = "guessed-client";
    static final String GUESSED_PASSWORD = "guessed-" + UUID.randomUUID();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andSupportUsers()
            .and(editConfigurationFilePut("etc/users.properties", CONSUMER, CONSUMER_PASSWORD + ",_g_:consumers"),
                    editConfigurationFilePut("etc/users.properties", GUESSED, GUESSED_PASSWORD + ",_g_:consumers"));

    static final Http HTTP = new Http();
    static Path etc;

    static final List<String> PATHS = List.of("whoami", "keyed", "limited", "open", "broken");

    /** Each endpoint /api/PATH answers "consumer=" and the ConfluxConsumer header the flow sees. */
    static String whoamiFlow() {
        StringBuilder yaml = new StringBuilder("- rest:\n    id: whoami-rest\n    get:\n");
        PATHS.forEach(p -> yaml.append("      - path: /").append(p).append("\n        to: direct:").append(p).append('\n'));
        PATHS.forEach(p -> yaml.append("""
                - route:
                    id: whoami-%s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            simple: "consumer=${header.ConfluxConsumer}"
                """.formatted(p, p)));
        return yaml.toString();
    }

    @BeforeClass
    public static void deploy() throws Exception {
        etc = CONFLUX.home().toPath().resolve("etc");
        policy("itest-keyed", "path = /api/keyed\npolicy = apikey\n");
        policy("itest-limited", "path = /api/limited\npolicy = basic, apikey\nrateLimit = 2\n");
        policy("itest-open", "path = /api/open\npolicy = none\n");
        policy("itest-broken", "path = /api/broken\npolcy = none\n");
        Files.writeString(CONFLUX.home().toPath().resolve("flows/whoami.camel.yaml"), whoamiFlow());
        Await.until("the whoami flow's endpoints", Duration.ofMinutes(1),
                () -> get("/api/open").statusCode() == 200 && get("/api/keyed").statusCode() == 401);
    }

    static void policy(String name, String content) throws Exception {
        Path tmp = etc.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, etc.resolve("conflux.endpoint-" + name + ".cfg"));
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        return HTTP.get(CONFLUX.servicesUrl() + path, headers);
    }

    static String consumerBasic() {
        return Http.basic(CONSUMER, CONSUMER_PASSWORD);
    }

    @Test
    public void guessingAConsumersPasswordLocksTheAccountOnceEachFailureIsCountedOnceWithItsAddress() throws Exception {
        // Four wrong passwords stay under the lockout (five): each failure counts once, not twice.
        for (int i = 0; i < 4; i++) {
            assertEquals(401, get("/api/whoami", "Authorization", Http.basic(GUESSED, "guess-" + i)).statusCode());
        }
        HttpResponse<String> right = get("/api/whoami", "Authorization", Http.basic(GUESSED, GUESSED_PASSWORD));
        assertEquals(right.body(), 200, right.statusCode());
        // The flow's REST answer does not send the caller's credentials back (Camel's default would copy them).
        assertTrue(right.headers().map().toString(), right.headers().firstValue("Authorization").isEmpty());

        for (int i = 0; i < 5; i++) {
            assertEquals(401, get("/api/whoami", "Authorization", Http.basic(GUESSED, "guess-" + i)).statusCode());
        }
        HttpResponse<String> locked = get("/api/whoami", "Authorization", Http.basic(GUESSED, GUESSED_PASSWORD));
        assertEquals("the right password is refused while the account is locked: " + locked.body(), 429,
                locked.statusCode());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertTrue(locked.body(), Http.json(locked).get("detail").asText().startsWith("Too many failed attempts"));

        String log = Await.until("the service plane's failed logins in security.log", Duration.ofSeconds(30), () -> {
            String text = Files.readString(CONFLUX.home().toPath().resolve("data/log/security.log"));
            return text.contains("LOCKOUT account '" + GUESSED + "'") ? text : null;
        });
        assertTrue(log, log.contains("LOGIN FAILED user=" + GUESSED + " channel=services from=127.0.0.1"));
        assertFalse("a password in security.log", log.contains("guess-0") || log.contains(GUESSED_PASSWORD));

        Shell admin = CONFLUX.shell();
        assertTrue(admin.run("conflux:user-lockouts").contains(GUESSED));
        admin.run("conflux:user-unlock " + GUESSED);
        assertEquals(200, get("/api/whoami", "Authorization", Http.basic(GUESSED, GUESSED_PASSWORD)).statusCode());
    }

    @Test
    public void byDefaultAnEndpointAsksForBasicCredentialsOfAConsumerAccount() throws Exception {
        HttpResponse<String> none = get("/api/whoami");
        assertEquals(none.body(), 401, none.statusCode());
        assertEquals(List.of("Basic realm=\"conflux\", charset=\"UTF-8\""), none.headers().allValues("WWW-Authenticate"));
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = Http.json(none);
        assertEquals(401, problem.get("status").asInt());
        assertTrue(problem.toString(), problem.get("detail").asText().startsWith("Authentication required"));

        HttpResponse<String> ok = get("/api/whoami", "Authorization", consumerBasic());
        assertEquals(ok.body(), 200, ok.statusCode());
        assertEquals("consumer=" + CONSUMER, ok.body());

        HttpResponse<String> wrong = get("/api/whoami", "Authorization", Http.basic(CONSUMER, "wrong"));
        assertEquals(401, wrong.statusCode());
        assertEquals("Wrong user name or password.", Http.json(wrong).get("detail").asText());

        // A realm user who is not a consumer (a console viewer) is known but not allowed.
        HttpResponse<String> viewer = get("/api/whoami", "Authorization",
                Http.basic(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD));
        assertEquals(viewer.body(), 403, viewer.statusCode());
        assertFalse(viewer.body(), viewer.body().contains("Exception"));
        HttpResponse<String> admin = get("/api/whoami", "Authorization",
                Http.basic(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD));
        assertEquals(403, admin.statusCode());
    }

    @Test
    public void aClientCannotClaimToBeAnotherConsumerAndTheNameNeverGoesBackOut() throws Exception {
        HttpResponse<String> spoof = get("/api/whoami?ConfluxConsumer=admin", "Authorization", consumerBasic(),
                "ConfluxConsumer", "admin");
        assertEquals(spoof.body(), 200, spoof.statusCode());
        assertEquals("consumer=" + CONSUMER, spoof.body());
        assertEquals(List.of(), spoof.headers().allValues("ConfluxConsumer"));

        HttpResponse<String> open = get("/api/open", "ConfluxConsumer", "admin");
        assertEquals(200, open.statusCode());
        assertEquals("consumer=", open.body());
        assertEquals(List.of(), open.headers().allValues("ConfluxConsumer"));
    }

    @Test
    public void apiKeysIssuedInTheShellWorkInEitherHeaderUntilRevoked() throws Exception {
        Shell shell = CONFLUX.shell();
        String created = shell.run("conflux:apikey-create --expires 2099-12-31 itest-partner");
        Matcher m = Pattern.compile("API key ([0-9a-f]{12}) for itest-partner \\(valid through 2099-12-31 UTC\\):\\s+(cfx_\\S+)")
                .matcher(created);
        assertTrue(created, m.find());
        String id = m.group(1);
        String key = m.group(2);

        HttpResponse<String> byAuthorization = get("/api/keyed", "Authorization", "ApiKey " + key);
        assertEquals(byAuthorization.body(), 200, byAuthorization.statusCode());
        assertEquals("consumer=itest-partner", byAuthorization.body());
        HttpResponse<String> byHeader = get("/api/keyed", "X-API-Key", key);
        assertEquals("consumer=itest-partner", byHeader.body());
        // Basic is not what this endpoint takes.
        HttpResponse<String> basic = get("/api/keyed", "Authorization", consumerBasic());
        assertEquals(401, basic.statusCode());
        assertEquals(List.of("ApiKey realm=\"conflux\""), basic.headers().allValues("WWW-Authenticate"));

        String list = shell.run("conflux:apikey-list");
        assertTrue(list, list.contains(id) && list.contains("itest-partner") && list.contains("2100-01-01T00:00:00Z"));
        assertFalse("the list never shows a key", list.contains(key.substring(17)));
        Path file = etc.resolve("conflux-apikeys.properties");
        assertFalse("only the hash is stored", Files.readString(file).contains(key.substring(17)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        String refused = shell.run("conflux:apikey-create --expires 2020-01-01 itest-partner");
        assertTrue(refused, refused.contains("the expiry 2020-01-02T00:00:00Z is not in the future"));
        assertFalse(refused, refused.contains("cfx_"));
        String unknown = shell.run("conflux:apikey-revoke 000000000000");
        assertTrue(unknown, unknown.contains("no API key with id '000000000000'"));

        assertTrue(shell.run("conflux:apikey-revoke " + id).contains("Revoked API key " + id));
        HttpResponse<String> revoked = get("/api/keyed", "X-API-Key", key);
        assertEquals(401, revoked.statusCode());
        assertEquals("The API key has been revoked.", Http.json(revoked).get("detail").asText());
        assertTrue(shell.run("conflux:apikey-list").matches("(?s).*" + id + ".*yes.*"));
        HttpResponse<String> guessed = get("/api/keyed", "X-API-Key", "cfx_" + id + "_" + "A".repeat(43));
        assertEquals(401, guessed.statusCode());

        // The audit trail has both actions, by the admin.
        String audit = shell.run("conflux:audit");
        assertTrue(audit, audit.contains("apikey.create") && audit.contains("apikey.revoke"));

        // A viewer may list keys but not issue them.
        Shell viewer = CONFLUX.shell(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        assertTrue(viewer.run("conflux:apikey-list").contains(id));
        String denied = viewer.run("conflux:apikey-create sneaky");
        assertFalse(denied, denied.contains("cfx_"));
    }

    @Test
    public void overTheRateLimitA429SaysWhenToRetry() throws Exception {
        HttpResponse<String> limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            HttpResponse<String> r = get("/api/limited", "Authorization", consumerBasic());
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(r.body(), 200, r.statusCode());
            }
        }
        assertTrue("20 requests at once exceed 2 per second", limited != null);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 2);
        assertEquals(429, Http.json(limited).get("status").asInt());
        // Another consumer has its own allowance: the viewer is refused for who it is, not for the rate.
        assertEquals(403, get("/api/limited", "Authorization",
                Http.basic(ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD)).statusCode());
        HttpResponse<String> later = Await.until("the allowance refilled", Duration.ofSeconds(10), () -> {
            HttpResponse<String> r = get("/api/limited", "Authorization", consumerBasic());
            return r.statusCode() == 200 ? r : null;
        });
        assertEquals("consumer=" + CONSUMER, later.body());
    }

    @Test
    public void aMisspeltPolicyRefusesEveryCallAndTheLogNamesFileAndKey() throws Exception {
        HttpResponse<String> r = get("/api/broken", "Authorization", consumerBasic());
        assertEquals(r.body(), 403, r.statusCode());
        String log = Files.readString(CONFLUX.home().toPath().resolve("data/log/karaf.log"));
        assertTrue(log, log.contains("etc/conflux.endpoint-itest-broken.cfg: key 'polcy' is not a key of an"
                + " endpoint policy (did you mean 'policy'?)"));
        assertTrue(log.contains("etc/conflux.endpoint-itest-open.cfg: policy = none: /api/open answer anyone"));
    }

    @Test
    public void theSampleFlowIsOpenInDevOnlyByItsPolicyFileAndAsksForCredentialsWithout() throws Exception {
        Path sample = etc.resolve("conflux.endpoint-sample-orders.cfg");
        String original = Files.readString(sample);
        assertTrue(original, original.contains("policy = none"));
        assertEquals(400, HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", "{}").statusCode());
        String envelope = SampleFlowIT.submitOrder("sec-" + UUID.randomUUID(), "ACME", "widget", "1");
        try {
            Files.delete(sample);
            HttpResponse<String> rest = Await.until("the default policy on /api/orders", Duration.ofSeconds(30), () -> {
                HttpResponse<String> x = HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", "{}");
                return x.statusCode() == 401 ? x : null;
            });
            assertTrue(rest.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

            // The SOAP endpoint takes up the policy change on its own (its connections may be closed meanwhile).
            HttpResponse<String> soap = Await.until("the default policy on /services/orders", Duration.ofSeconds(30), () -> {
                HttpResponse<String> x = soap(envelope);
                return x.statusCode() == 401 ? x : null;
            });
            assertTrue(soap.body(), soap.body().contains("<faultcode>soap:Client</faultcode>"));
            assertTrue(soap.body(), soap.body().contains("Authentication required"));
            assertTrue(soap.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
            HttpResponse<String> soap12 = HTTP.post(CONFLUX.servicesUrl() + "/services/orders",
                    "application/soap+xml; charset=utf-8", envelope);
            assertTrue(soap12.body(), soap12.body().contains("<soap:Value>soap:Sender</soap:Value>"));

            HttpResponse<String> accepted = soap(envelope, "Authorization", consumerBasic(), "ConfluxConsumer", "admin");
            assertEquals(accepted.body(), 200, accepted.statusCode());
            assertEquals(List.of(), accepted.headers().allValues("ConfluxConsumer"));
        } finally {
            Files.writeString(sample, original);
        }
        Await.until("the sample flow open again", Duration.ofSeconds(30),
                () -> HTTP.post(CONFLUX.servicesUrl() + "/api/orders", "application/json", "{}").statusCode() == 400);
    }

    static HttpResponse<String> soap(String envelope, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "SOAPAction";
        all[1] = "\"" + SampleFlowIT.NS + "/submitOrder\"";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return HTTP.post(CONFLUX.servicesUrl() + "/services/orders", "text/xml; charset=utf-8", envelope, all);
    }

    @Test
    public void aConsumerAccountOpensNothingButTheServicePlane() throws Exception {
        HttpResponse<String> console = new Http().post(CONFLUX.consoleUrl() + "/auth/login", "application/json",
                "{\"username\":\"" + CONSUMER + "\",\"password\":\"" + CONSUMER_PASSWORD + "\"}");
        assertNotEquals(console.body(), 200, console.statusCode());

        HttpResponse<String> jolokia = CONFLUX.jolokia(CONSUMER, CONSUMER_PASSWORD).get("version");
        assertTrue(jolokia.statusCode() + " " + jolokia.body(), jolokia.statusCode() == 401 || jolokia.statusCode() == 403);

        try {
            String out = CONFLUX.shell(CONSUMER, CONSUMER_PASSWORD).run("conflux:apikey-list");
            fail("a consumer opened the SSH shell: " + out);
        } catch (Exception expected) {
            // SSH refuses the login: consumers lack the "ssh" role
        }

        try (var connection = new ActiveMQConnectionFactory(CONFLUX.brokerUrl())
                .createConnection(CONSUMER, CONSUMER_PASSWORD)) {
            connection.start();
            fail("a consumer connected to the broker");
        } catch (JMSSecurityException expected) {
            // refused at connect
        }
    }
}
