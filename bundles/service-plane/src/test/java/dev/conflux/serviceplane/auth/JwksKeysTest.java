package dev.conflux.serviceplane.auth;

import static dev.conflux.serviceplane.auth.Tokens.AUDIENCE;
import static dev.conflux.serviceplane.auth.Tokens.ISSUER;
import static dev.conflux.serviceplane.auth.Tokens.claims;
import static dev.conflux.serviceplane.auth.Tokens.sign;
import static org.junit.Assert.assertEquals;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** Keys from a JWKS document served on 127.0.0.1: cached, fetched again for a rotated key, bounded when down. */
public class JwksKeysTest {

    /** One RSA key for the whole class: generating one takes a while on a busy machine. */
    private static RSAKey rsa;

    private HttpServer server;
    private final AtomicReference<JWKSet> served = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private String url;

    @BeforeClass
    public static void key() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("2026-01").generate();
    }

    @Before
    public void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private BearerTokenVerifier verifier() {
        return Authenticators.jwt(Map.of("jwt.jwksUrl", url, "jwt.issuer", ISSUER, "jwt.audience", AUDIENCE,
                "jwt.jwksTimeout", "2s"));
    }

    @Test
    public void aRotatedKeyIsFetchedOnceAndCachedAfterwards() throws Exception {
        RSAKey first = rsa;
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("2026-02").generate();
        served.set(new JWKSet(first.toPublicJWK()));
        BearerTokenVerifier verifier = verifier();

        assertEquals("billing", verifier.verify(sign(first, claims(Instant.now()).build())).name());
        verifier.verify(sign(first, claims(Instant.now()).build()));
        assertEquals("fetched once, then cached", 1, fetches.get());

        // The issuer rotates: the new key id is not in the cache, so the JWKS is fetched again.
        served.set(new JWKSet(List.<JWK>of(first.toPublicJWK(), second.toPublicJWK())));
        assertEquals("billing", verifier.verify(sign(second, claims(Instant.now()).build())).name());
        assertEquals(2, fetches.get());
        verifier.verify(sign(first, claims(Instant.now()).build()));
        verifier.verify(sign(second, claims(Instant.now()).build()));
        assertEquals(2, fetches.get());
    }

    @Test
    public void unknownKeyIdsCannotMakeItFetchOnEveryRequest() throws Exception {
        RSAKey known = new RSAKey.Builder(rsa).keyID("known").build();
        served.set(new JWKSet(known.toPublicJWK()));
        BearerTokenVerifier verifier = verifier();
        for (int i = 0; i < 10; i++) {
            RSAKey stranger = new RSAKey.Builder(known).keyID("stranger-" + i).build();
            JwtVerifierTest.refused(verifier, sign(stranger, claims(Instant.now()).build()), 401,
                    "bad signature: no known key signed this token");
        }
        assertEquals("the first fetch and one refresh per interval", 2, fetches.get());
    }

    @Test
    public void ed25519KeysFromAJwks() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        served.set(new JWKSet(new OctetKeyPair.Builder(Curve.Ed25519, Ed25519JdkVerifier.raw(ed.getPublic()))
                .keyID("ed").build()));
        assertEquals("billing", verifier().verify(Tokens.ed25519(ed, "ed", claims(Instant.now()).build())).name());
    }

    @Test
    public void anUnreachableJwksIsARefusalNotAnError() throws Exception {
        RSAKey key = rsa;
        server.stop(0);
        JwtVerifierTest.refused(verifier(), sign(key, claims(Instant.now()).build()), 401,
                "the token's signing keys cannot be fetched right now");
    }
}
