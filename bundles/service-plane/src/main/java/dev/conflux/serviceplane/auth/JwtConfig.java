package dev.conflux.serviceplane.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An endpoint's {@code jwt.*} settings, read from its cfg:
 * <ul>
 * <li>exactly one of {@code jwt.jwksUrl} (HTTPS, or HTTP on loopback), {@code jwt.key} (a PEM public key or
 * certificate, inline or a file path) or {@code jwt.secret} (an HMAC secret of at least 32 bytes: only then are
 * HS256/384/512 tokens accepted);</li>
 * <li>{@code jwt.issuer} and {@code jwt.audience} (one or more, any of them matches), both required;</li>
 * <li>{@code jwt.scopes}: the scopes every token must hold (space or comma list; none by default);</li>
 * <li>{@code jwt.consumerClaim} ({@code sub}), {@code jwt.clockSkew} ({@code 60s});</li>
 * <li>for a JWKS: {@code jwt.jwksTimeout} ({@code 5s}), {@code jwt.jwksCacheTtl} ({@code 5m}),
 * {@code jwt.jwksMinRefresh} ({@code 30s}: a token naming an unknown key id fetches the JWKS again at most twice
 * in that time).</li>
 * </ul>
 */
final class JwtConfig {

    private JwtConfig() {
    }

    static JwtVerifier parse(Map<String, String> config, Clock clock) {
        String jwks = value(config, "jwt.jwksUrl");
        String key = value(config, "jwt.key");
        String secret = value(config, "jwt.secret");
        long sources = Stream.of(jwks, key, secret).filter(v -> v != null).count();
        if (sources != 1) {
            throw new IllegalArgumentException("jwt.jwksUrl, jwt.key or jwt.secret: set exactly one"
                    + (sources == 0 ? " (where the token's signing key comes from)" : ", not " + sources));
        }
        JwtKeys keys;
        Set<JWSAlgorithm> algorithms;
        if (secret != null) {
            keys = JwtKeys.fixed(JwtKeys.secret(secret));
            algorithms = JwtVerifier.HMAC;
        } else if (key != null) {
            keys = JwtKeys.fixed(JwtKeys.publicKey(key));
            algorithms = JwtVerifier.ASYMMETRIC;
        } else {
            keys = JwtKeys.jwks(JwtKeys.jwksUrl(jwks), duration(config, "jwt.jwksTimeout", "5s"),
                    duration(config, "jwt.jwksCacheTtl", "5m"), duration(config, "jwt.jwksMinRefresh", "30s"));
            algorithms = JwtVerifier.ASYMMETRIC;
        }
        String issuer = required(config, "jwt.issuer");
        Set<String> audiences = Set.copyOf(words(required(config, "jwt.audience")));
        Set<String> scopes = Set.copyOf(words(config.getOrDefault("jwt.scopes", "")));
        String consumerClaim = config.getOrDefault("jwt.consumerClaim", "sub").trim();
        if (consumerClaim.isEmpty()) {
            throw new IllegalArgumentException("jwt.consumerClaim must name a claim (default sub)");
        }
        return new JwtVerifier(keys, algorithms, issuer, audiences, scopes, consumerClaim,
                duration(config, "jwt.clockSkew", "60s"), clock);
    }

    /** A space- or comma-separated list. */
    static List<String> words(String value) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : value.trim().split("[\\s,]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    private static String value(Map<String, String> config, String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(Map<String, String> config, String key) {
        String v = value(config, key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required for the jwt policy");
        }
        return v;
    }

    /** {@code 60s}, {@code 5m}, {@code 1h}, {@code 500ms}, a number of seconds, or ISO-8601 ({@code PT1M}). */
    static Duration duration(Map<String, String> config, String key, String fallback) {
        String v = config.getOrDefault(key, fallback).trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + " must not be negative, got '" + v + "'");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 60s, 5m or PT1M, got '" + v + "'");
        }
    }
}
