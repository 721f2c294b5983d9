package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * OAuth2 bearer tokens and client certificates on a service plane serving HTTPS, as an outside client meets them:
 * an identity provider this test plays (its keys made here, its JWKS served on a free loopback port), a CA made
 * here whose certificate is the service plane's truststore, endpoint policies dropped into etc/ while Conflux runs.
 */
public class EndpointTokensIT {

    static final String ISSUER = "https://idp.itest.example";
    static final String AUDIENCE = "conflux-itest";
    static final Pattern JAVA_NAMES = Pattern.compile("java\\.|jakarta\\.|nimbus|Exception|org\\.");

    static final TestPki PKI = pki();

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted().andServicesTls(anonymous())
            .and(replaceConfigurationFile("etc/conflux.serviceplane.cfg", servicePlaneCfg().toFile()));

    /** Answers who the flow was told the caller is. */
    static final String FLOW = """
            - rest:
                id: tokens-rest
                get:
                  - path: /jwt
                    to: direct:tokens-jwt
                  - path: /mtls
                    to: direct:tokens-mtls
            - route:
                id: tokens-jwt
                from:
                  uri: direct:tokens-jwt
                  steps:
                    - setBody:
                        simple: "consumer=${header.ConfluxConsumer}"
            - route:
                id: tokens-mtls
                from:
                  uri: direct:tokens-mtls
                  steps:
                    - setBody:
                        simple: "consumer=${header.ConfluxConsumer}"
            """;

    static HttpServer idp;
    static final AtomicReference<JWKSet> JWKS = new AtomicReference<>();
    static RSAKey signingKey;

    static TestPki pki() {
        try {
            return new TestPki(Path.of("target", "endpoint-tokens-" + UUID.randomUUID()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    static SSLContext anonymous() {
        try {
            return PKI.anonymous();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped etc/conflux.serviceplane.cfg as an administrator edits it: HTTPS with client certificates. */
    static Path servicePlaneCfg() {
        try {
            List<String> lines = Files.readAllLines(
                    Path.of("..", "bundles", "service-plane", "src", "main", "cfg", "conflux.serviceplane.cfg"));
            StringBuilder cfg = new StringBuilder();
            for (String line : lines) {
                String key = line.contains("=") && !line.startsWith("#")
                        ? line.substring(0, line.indexOf('=')).trim() : "";
                cfg.append(switch (key) {
                    case "tlsEnabled" -> "tlsEnabled = true";
                    case "tlsKeystore" -> "tlsKeystore = " + PKI.serverKeystore();
                    case "tlsKeystorePassword" -> "tlsKeystorePassword = " + TestPki.PASSWORD;
                    case "tlsTruststore" -> "tlsTruststore = " + PKI.truststore();
                    case "tlsTruststorePassword" -> "tlsTruststorePassword = " + TestPki.PASSWORD;
                    default -> line;
                }).append('\n');
            }
            Path file = PKI.dir.resolve("conflux.serviceplane.cfg");
            Files.writeString(file, cfg);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeClass
    public static void deploy() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("idp-2026-1").generate();
        JWKS.set(new JWKSet(signingKey.toPublicJWK()));
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/jwks", exchange -> {
            byte[] body = JWKS.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        Path etc = CONFLUX.home().toPath().resolve("etc");
        policy(etc, "itest-jwt", "path = /api/jwt\npolicy = jwt\n"
                + "jwt.jwksUrl = http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks\n"
                + "jwt.issuer = " + ISSUER + "\njwt.audience = " + AUDIENCE + "\njwt.scopes = orders:write\n"
                + "jwt.jwksMinRefresh = 5s\n");
        policy(etc, "itest-mtls", "path = /api/mtls\npolicy = mtls\n"
                + "mtls.consumer.billing-app = " + TestPki.BILLING_DN + "\n");
        Files.writeString(CONFLUX.home().toPath().resolve("flows/tokens.camel.yaml"), FLOW);
        Http billing = new Http(PKI.client(TestPki.BILLING));
        String token = token(signingKey, claims().build());
        Await.until("the token and certificate endpoints", Duration.ofMinutes(1),
                () -> get("/api/jwt", "Authorization", "Bearer " + token).statusCode() == 200
                        && billing.get(CONFLUX.servicesUrl() + "/api/mtls").statusCode() == 200);
    }

    @AfterClass
    public static void stopIdp() {
        if (idp != null) {
            idp.stop(0);
        }
    }

    static void policy(Path etc, String name, String content) throws IOException {
        Path tmp = etc.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, etc.resolve("conflux.endpoint-" + name + ".cfg"));
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        return CONFLUX.servicesHttp().get(CONFLUX.servicesUrl() + path, headers);
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("billing")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("scope", "orders:read orders:write");
    }

    static String token(JWK key, JWTClaimsSet claims) throws JOSEException {
        if (key instanceof ECKey ec) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner((RSAKey) key));
        return jwt.serialize();
    }

    /** The refusal's status and its problem document's detail, which names nothing of Java. */
    static void refused(HttpResponse<String> response, int status, String detail) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = Http.json(response);
        assertEquals(status, problem.get("status").asInt());
        assertEquals(detail, problem.get("detail").asText());
        assertFalse(response.body(), JAVA_NAMES.matcher(response.body()).find());
    }

    @Test
    public void aTokenSignedByTheIssuersKeyReachesTheFlowAsItsSubject() throws Exception {
        HttpResponse<String> ok = get("/api/jwt", "Authorization", "Bearer " + token(signingKey, claims().build()));
        assertEquals(ok.body(), 200, ok.statusCode());
        assertEquals("consumer=billing", ok.body());
    }

    @Test
    public void expiredForeignForgedAndUnsignedTokensAre401AndAMissingScope403() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> expired = get("/api/jwt", "Authorization", "Bearer " + token(signingKey, claims()
                .issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(300))).build()));
        refused(expired, 401, "token expired");
        assertEquals(List.of("Bearer realm=\"conflux\""), expired.headers().allValues("WWW-Authenticate"));

        refused(get("/api/jwt", "Authorization", "Bearer " + token(signingKey, claims().audience("another-api")
                .build())), 401, "wrong audience");

        // Signed by a key of the same id that the issuer never published.
        RSAKey forger = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        refused(get("/api/jwt", "Authorization", "Bearer " + token(forger, claims().build())), 401, "bad signature");

        String unsigned = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims().build().toString())
                + ".";
        refused(get("/api/jwt", "Authorization", "Bearer " + unsigned), 401, "unsigned token (alg none) refused");

        refused(get("/api/jwt", "Authorization", "Bearer " + token(signingKey, claims().claim("scope", "orders:read")
                .build())), 403, "missing scope: orders:write");

        refused(get("/api/jwt"), 401, "Authentication required: send a bearer token (Authorization: Bearer <token>).");
    }

    @Test
    public void aKeyTheIssuerRotatesInIsFetchedWhenATokenNamesIt() throws Exception {
        ECKey next = new ECKeyGenerator(Curve.P_256).keyID("idp-2026-2").generate();
        String token = token(next, claims().build());
        refused(get("/api/jwt", "Authorization", "Bearer " + token), 401,
                "bad signature: no known key signed this token");
        JWKS.set(new JWKSet(List.of(signingKey.toPublicJWK(), next.toPublicJWK())));
        // At most two JWKS fetches per jwt.jwksMinRefresh (5 s here): the unknown key id above may have used the
        // second one, so the next refresh can wait for the interval to pass.
        HttpResponse<String> ok = Await.until("the rotated key accepted", Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = get("/api/jwt", "Authorization", "Bearer " + token);
            return r.statusCode() == 200 ? r : null;
        });
        assertEquals("consumer=billing", ok.body());
    }

    @Test
    public void aClientCertificateIssuedByTheTrustedCaIsTheConsumerItIsMappedTo() throws Exception {
        Http billing = new Http(PKI.client(TestPki.BILLING));
        HttpResponse<String> ok = billing.get(CONFLUX.servicesUrl() + "/api/mtls");
        assertEquals(ok.body(), 200, ok.statusCode());
        assertEquals("consumer=billing-app", ok.body());
        // A certificate is not a bearer token: the token endpoint still wants one.
        assertEquals(401, billing.get(CONFLUX.servicesUrl() + "/api/jwt").statusCode());
    }

    @Test
    public void noCertificateOrAnUnknownOneIsRefused() throws Exception {
        refused(get("/api/mtls"), 401, "Authentication required: send a client certificate.");

        HttpResponse<String> stranger = new Http(PKI.client(TestPki.STRANGER)).get(CONFLUX.servicesUrl() + "/api/mtls");
        refused(stranger, 403, "client certificate not allowed");

        // Same subject as billing's, but not issued by the trusted CA: the handshake itself fails.
        try {
            HttpResponse<String> rogue = new Http(PKI.client(TestPki.ROGUE)).get(CONFLUX.servicesUrl() + "/api/mtls");
            fail("a certificate the CA never issued was answered: " + rogue.statusCode() + " " + rogue.body());
        } catch (IOException expected) {
            assertTrue(String.valueOf(expected), expected instanceof SSLException
                    || String.valueOf(expected.getMessage()).contains("alert")
                    || expected.getCause() instanceof SSLException);
        }
    }
}
