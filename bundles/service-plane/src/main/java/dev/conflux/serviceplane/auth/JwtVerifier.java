package dev.conflux.serviceplane.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an OAuth2 bearer JWT: its signature (RS/PS/ES/EdDSA against a JWKS URL or a configured public key; HMAC
 * only with a configured shared secret; never {@code none}), issuer, audience, expiry and not-before (with a
 * clock skew), and the scopes the endpoint requires. The consumer is the {@code sub} claim, or the one configured.
 * Refusals are 401 with a plain reason; a valid token without a required scope is 403.
 */
public final class JwtVerifier implements BearerTokenVerifier {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    /** Longer tokens are refused before they are parsed. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);

    private final JwtKeys keys;
    private final Set<JWSAlgorithm> algorithms;
    private final String issuer;
    private final Set<String> audiences;
    private final Set<String> requiredScopes;
    private final String consumerClaim;
    private final Duration clockSkew;
    private final Clock clock;

    JwtVerifier(JwtKeys keys, Set<JWSAlgorithm> algorithms, String issuer, Set<String> audiences,
            Set<String> requiredScopes, String consumerClaim, Duration clockSkew, Clock clock) {
        this.keys = keys;
        this.algorithms = algorithms;
        this.issuer = issuer;
        this.audiences = audiences;
        this.requiredScopes = requiredScopes;
        this.consumerClaim = consumerClaim;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * A verifier from an endpoint's {@code jwt.*} settings (see {@link JwtConfig}).
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static JwtVerifier fromConfig(Map<String, String> config) {
        return JwtConfig.parse(config, Clock.systemUTC());
    }

    @Override
    public Consumer verify(String token) throws AuthenticationFailure {
        if (token == null || token.isBlank()) {
            throw unauthorized("bearer token missing");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw unauthorized("token too large");
        }
        SignedJWT jwt = parse(token.trim());
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw unauthorized("token algorithm " + header.getAlgorithm().getName() + " is not accepted");
        }
        checkSignature(jwt, header);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("malformed token");
        }
        checkTimes(claims);
        if (!issuer.equals(claims.getIssuer())) {
            throw unauthorized("wrong issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(audiences::contains)) {
            throw unauthorized("wrong audience");
        }
        String name = consumer(claims);
        Set<String> scopes = scopes(claims);
        Set<String> missing = new TreeSet<>(requiredScopes);
        missing.removeAll(scopes);
        if (!missing.isEmpty()) {
            throw new AuthenticationFailure(403, "missing scope: " + String.join(" ", missing));
        }
        return new Consumer(name, "jwt", Set.copyOf(scopes));
    }

    private static SignedJWT parse(String token) throws AuthenticationFailure {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw unauthorized("malformed token");
        }
        if (jwt instanceof PlainJWT) {
            throw unauthorized("unsigned token (alg none) refused");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw unauthorized("encrypted tokens are not accepted");
        }
        return signed;
    }

    private void checkSignature(SignedJWT jwt, JWSHeader header) throws AuthenticationFailure {
        List<JWK> candidates;
        try {
            candidates = keys.candidates(header);
        } catch (RateLimitReachedException e) {
            candidates = List.of(); // an unknown key id again, soon after the JWKS was fetched again
        } catch (KeySourceException e) {
            LOG.warn("Bearer token refused: the signing keys cannot be fetched ({})", e.getMessage());
            throw unauthorized("the token's signing keys cannot be fetched right now");
        }
        for (JWK key : candidates) {
            try {
                if (jwt.verify(verifierFor(key))) {
                    return;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key of the wrong size or curve for this token: try the next
            }
        }
        throw unauthorized(candidates.isEmpty() ? "bad signature: no known key signed this token" : "bad signature");
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519JdkVerifier(okp);
        }
        if (key instanceof OctetSequenceKey secret) {
            return new MACVerifier(secret);
        }
        throw new JOSEException("unsupported key type");
    }

    private void checkTimes(JWTClaimsSet claims) throws AuthenticationFailure {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw unauthorized("token has no expiry");
        }
        if (now.isAfter(exp.toInstant().plus(clockSkew))) {
            throw unauthorized("token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(clockSkew))) {
            throw unauthorized("token not yet valid");
        }
    }

    private String consumer(JWTClaimsSet claims) throws AuthenticationFailure {
        Object value = claims.getClaim(consumerClaim);
        if (!(value instanceof String name) || name.isBlank()) {
            throw unauthorized("token names no consumer (claim " + consumerClaim + ")");
        }
        return name;
    }

    /** {@code scope} (space-separated, RFC 8693) and {@code scp} (a list or a space-separated string). */
    static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String s) {
                scopes.addAll(JwtConfig.words(s));
            } else if (value instanceof Collection<?> list) {
                list.forEach(v -> scopes.add(String.valueOf(v)));
            }
        }
        return scopes;
    }

    private static AuthenticationFailure unauthorized(String reason) {
        return new AuthenticationFailure(401, reason);
    }
}
