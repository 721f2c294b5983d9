package dev.conflux.serviceplane.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the keys that sign bearer tokens come from: a JWKS URL, a configured public key, or a shared secret. */
abstract class JwtKeys {

    /** The keys that may have signed a token with this header (by key type, algorithm, curve and, for JWKS, key id). */
    abstract List<JWK> candidates(JWSHeader header) throws KeySourceException;

    /** Keys fixed in the configuration: a key id in the token is not needed to find them. */
    static JwtKeys fixed(JWK key) {
        JWKSet set = new JWKSet(key);
        return new JwtKeys() {
            @Override
            List<JWK> candidates(JWSHeader header) {
                JWSHeader anyKid = new JWSHeader.Builder(header).keyID(null).x509CertSHA256Thumbprint(null).build();
                JWKMatcher matcher = JWKMatcher.forJWSHeader(anyKid);
                return matcher == null ? List.of() : new JWKSelector(matcher).select(set);
            }
        };
    }

    /**
     * A JWKS document fetched on first use, cached ({@code cacheTtl}), fetched again when a token names a key id it
     * does not hold (a rotated key), at most twice per {@code minRefresh}, with connect and read timeouts.
     */
    static JwtKeys jwks(URL url, Duration timeout, Duration cacheTtl, Duration minRefresh) {
        int ms = (int) timeout.toMillis();
        JWKSource<SecurityContext> source = JWKSourceBuilder
                .<SecurityContext>create(url, new DefaultResourceRetriever(ms, ms, 512 * 1024))
                .cache(cacheTtl.toMillis(), timeout.toMillis())
                .refreshAheadCache(false)
                .rateLimited(minRefresh.toMillis())
                .retrying(false)
                .build();
        return new JwtKeys() {
            @Override
            List<JWK> candidates(JWSHeader header) throws KeySourceException {
                JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
                return matcher == null ? List.of() : source.get(new JWKSelector(matcher), null);
            }
        };
    }

    /** {@code jwt.jwksUrl}: HTTPS, or plain HTTP to this machine only. */
    static URL jwksUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("jwt.jwksUrl must be an https URL, got '" + value + "'");
            }
            if (scheme.equals("http") && !loopback(uri.getHost())) {
                throw new IllegalArgumentException("jwt.jwksUrl must use https (plain http only to 127.0.0.1,"
                        + " ::1 or localhost), got '" + value + "'");
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("jwt.jwksUrl is not a URL: '" + value + "'");
        }
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is not resolved here.
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code jwt.key}: a PEM public key or certificate, inline or in a file (relative to the Conflux home). */
    static JWK publicKey(String value) {
        String pem = value.trim();
        if (!pem.startsWith("-----BEGIN")) {
            Path file = Paths.get(pem);
            if (!file.isAbsolute()) {
                file = Paths.get(System.getProperty("karaf.base", ".")).resolve(file);
            }
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("jwt.key: cannot read the key file " + file);
            }
        }
        Matcher m = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL).matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("jwt.key must be a PEM public key (BEGIN PUBLIC KEY) or certificate"
                    + " (BEGIN CERTIFICATE), inline or as a file path");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\\\n|\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jwt.key: the PEM block is not valid base64");
        }
        try {
            PublicKey key = m.group(1).equals("CERTIFICATE")
                    ? CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey()
                    : decode(der);
            return toJwk(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("jwt.key: not an RSA, EC (P-256/384/521) or Ed25519 public key");
        }
    }

    private static PublicKey decode(byte[] der) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next kind
            }
        }
        throw new GeneralSecurityException("unknown key");
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return new OctetKeyPair.Builder(Curve.Ed25519, Ed25519JdkVerifier.raw(key)).build();
        }
        throw new IllegalArgumentException("unsupported key");
    }

    /** {@code jwt.secret}: an HMAC key of at least 32 bytes (256 bits), taken as UTF-8 text. */
    static JWK secret(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("jwt.secret must be at least 32 bytes long (HS256 needs 256 bits)");
        }
        return new OctetSequenceKey.Builder(bytes).build();
    }
}
