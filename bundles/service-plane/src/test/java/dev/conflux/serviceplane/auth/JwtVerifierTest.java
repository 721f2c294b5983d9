package dev.conflux.serviceplane.auth;

import static dev.conflux.serviceplane.auth.Tokens.AUDIENCE;
import static dev.conflux.serviceplane.auth.Tokens.ISSUER;
import static dev.conflux.serviceplane.auth.Tokens.claims;
import static dev.conflux.serviceplane.auth.Tokens.sign;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;

/** Bearer tokens against a configured public key (jwt.key), with a clock fixed by the test. */
public class JwtVerifierTest {

    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    static final Pattern JAVA_NAMES = Pattern.compile("java|nimbus|Exception|\\w+\\.\\w+\\.\\w+");

    static RSAKey rsa;
    static RSAKey otherRsa;

    @BeforeClass
    public static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    static Map<String, String> config(String key) {
        Map<String, String> config = new HashMap<>();
        config.put("jwt.key", key);
        config.put("jwt.issuer", ISSUER);
        config.put("jwt.audience", AUDIENCE);
        config.put("jwt.scopes", "orders:write");
        return config;
    }

    static JwtVerifier verifier(Map<String, String> config) {
        return JwtConfig.parse(config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static JwtVerifier rsaVerifier() throws Exception {
        return verifier(config(Tokens.pem(rsa.toRSAPublicKey())));
    }

    static void refused(BearerTokenVerifier verifier, String token, int status, String reason) {
        try {
            Consumer c = verifier.verify(token);
            fail("accepted " + c + ", expected " + status + " " + reason);
        } catch (AuthenticationFailure e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(reason, e.getMessage());
            assertFalse(e.getMessage(), JAVA_NAMES.matcher(e.getMessage()).find());
        }
    }

    @Test
    public void aValidTokenNamesItsConsumerAndScopes() throws Exception {
        Consumer consumer = rsaVerifier().verify(sign(rsa, claims(NOW).build()));
        assertEquals("billing", consumer.name());
        assertEquals("jwt", consumer.scheme());
        assertEquals(Set.of("orders:write", "orders:read"), consumer.scopes());
    }

    @Test
    public void expiryAndNotBeforeAllowTheClockSkewAndNoMore() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        verifier.verify(sign(rsa, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(50))).build()));
        refused(verifier, sign(rsa, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(70))).build()), 401, "token expired");
        verifier.verify(sign(rsa, claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(50))).build()));
        refused(verifier, sign(rsa, claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(300))).build()), 401,
                "token not yet valid");
        refused(verifier, sign(rsa, claims(NOW).expirationTime(null).build()), 401, "token has no expiry");
    }

    @Test
    public void issuerAndAudienceMustMatch() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        refused(verifier, sign(rsa, claims(NOW).audience("someone-else").build()), 401, "wrong audience");
        refused(verifier, sign(rsa, claims(NOW).audience((String) null).build()), 401, "wrong audience");
        refused(verifier, sign(rsa, claims(NOW).issuer("https://evil.example").build()), 401, "wrong issuer");
    }

    @Test
    public void anotherKeysSignatureOrATamperedTokenIsABadSignature() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        refused(verifier, sign(otherRsa, claims(NOW).build()), 401, "bad signature");
        String[] parts = sign(rsa, claims(NOW).build()).split("\\.");
        String forged = sign(rsa, claims(NOW).subject("admin").build()).split("\\.")[1];
        refused(verifier, parts[0] + "." + forged + "." + parts[2], 401, "bad signature");
    }

    @Test
    public void unsignedAndHmacTokensAreRefusedWithoutASharedSecret() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        refused(verifier, Tokens.unsigned(claims(NOW).build()), 401, "unsigned token (alg none) refused");
        // the classic confusion: HMAC keyed with the server's public key
        refused(verifier, Tokens.hmac(rsa.toRSAPublicKey().getEncoded(), claims(NOW).build()), 401,
                "token algorithm HS256 is not accepted");
    }

    @Test
    public void aSharedSecretAcceptsHmacOnly() throws Exception {
        Map<String, String> config = config(null);
        config.remove("jwt.key");
        String secret = "a-shared-secret-of-at-least-32-bytes!";
        config.put("jwt.secret", secret);
        JwtVerifier verifier = verifier(config);
        assertEquals("billing", verifier.verify(Tokens.hmac(secret.getBytes(StandardCharsets.UTF_8), claims(NOW).build())).name());
        refused(verifier, Tokens.hmac("another-shared-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                claims(NOW).build()), 401, "bad signature");
        refused(verifier, sign(rsa, claims(NOW).build()), 401, "token algorithm RS256 is not accepted");
    }

    @Test
    public void aMissingScopeIsForbidden() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        refused(verifier, sign(rsa, claims(NOW).claim("scope", "orders:read").build()), 403, "missing scope: orders:write");
        refused(verifier, sign(rsa, claims(NOW).claim("scope", null).build()), 403, "missing scope: orders:write");
        // scp as a list (Azure AD, Okta) counts too
        assertEquals("billing", verifier.verify(sign(rsa, claims(NOW).claim("scope", null)
                .claim("scp", List.of("orders:write")).build())).name());
    }

    @Test
    public void theConsumerClaimCanBeChosen() throws Exception {
        Map<String, String> config = config(Tokens.pem(rsa.toRSAPublicKey()));
        config.put("jwt.consumerClaim", "client_id");
        JwtVerifier verifier = verifier(config);
        assertEquals("orders-app", verifier.verify(sign(rsa, claims(NOW).claim("client_id", "orders-app").build())).name());
        refused(verifier, sign(rsa, claims(NOW).build()), 401, "token names no consumer (claim client_id)");
    }

    @Test
    public void garbageIsAMalformedToken() throws Exception {
        JwtVerifier verifier = rsaVerifier();
        refused(verifier, "not-a-token", 401, "malformed token");
        refused(verifier, "a.b.c", 401, "malformed token");
        refused(verifier, "", 401, "bearer token missing");
        refused(verifier, "x".repeat(20_000), 401, "token too large");
    }

    @Test
    public void ed25519AndEcKeysFromPemFilesAndCertificates() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = Files.createTempFile("jwt-key", ".pem");
        try {
            Files.writeString(file, Tokens.pem(ed.getPublic()));
            JwtVerifier verifier = verifier(config(file.toString()));
            JWTClaimsSet claims = claims(NOW).build();
            assertEquals("billing", verifier.verify(Tokens.ed25519(ed, null, claims)).name());
            KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            refused(verifier, Tokens.ed25519(other, null, claims), 401, "bad signature");
            // an RSA token against an Ed25519 key finds no key of its kind
            refused(verifier, sign(rsa, claims), 401, "bad signature: no known key signed this token");
        } finally {
            Files.delete(file);
        }
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        // a PEM put on one line in a cfg file still reads
        String oneLine = Tokens.pem(ec.toECPublicKey()).replace("\n", "");
        assertEquals("billing", verifier(config(oneLine)).verify(sign(ec, claims(NOW).build())).name());
    }

    @Test
    public void badConfigurationNamesTheKey() throws Exception {
        Map<String, String> config = config("-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----");
        assertBad(config, "jwt.key");
        config = config(Tokens.pem(otherRsa.toPublicJWK().toRSAKey().toRSAPublicKey()));
        config.remove("jwt.audience");
        assertBad(config, "jwt.audience");
        config.put("jwt.audience", AUDIENCE);
        config.remove("jwt.issuer");
        assertBad(config, "jwt.issuer");
        config.put("jwt.issuer", ISSUER);
        config.put("jwt.clockSkew", "soon");
        assertBad(config, "jwt.clockSkew");
        config.remove("jwt.clockSkew");
        config.put("jwt.jwksUrl", "https://idp.example/jwks");
        assertBad(config, "jwt.jwksUrl, jwt.key or jwt.secret");
        config.remove("jwt.key");
        config.put("jwt.jwksUrl", "http://idp.example/jwks");
        assertBad(config, "jwt.jwksUrl must use https");
        config.remove("jwt.jwksUrl");
        config.put("jwt.secret", "too short");
        assertBad(config, "jwt.secret");
        config.remove("jwt.secret");
        assertBad(config, "jwt.jwksUrl, jwt.key or jwt.secret");
        config.put("jwt.key", "/no/such/file.pem");
        assertBad(config, "jwt.key");
    }

    private static void assertBad(Map<String, String> config, String key) {
        try {
            JwtConfig.parse(config, Clock.systemUTC());
            fail("accepted " + config);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(key));
        }
    }

    @Test
    public void durationsReadAsAPersonWritesThem() {
        assertEquals(60, JwtConfig.duration(Map.of(), "jwt.clockSkew", "60s").toSeconds());
        assertEquals(120, JwtConfig.duration(Map.of("k", "2m"), "k", "1s").toSeconds());
        assertEquals(90, JwtConfig.duration(Map.of("k", "PT90S"), "k", "1s").toSeconds());
        assertEquals(15, JwtConfig.duration(Map.of("k", "15"), "k", "1s").toSeconds());
        assertEquals(500, JwtConfig.duration(Map.of("k", "500ms"), "k", "1s").toMillis());
    }
}
