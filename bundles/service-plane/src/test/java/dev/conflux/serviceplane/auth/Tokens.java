package dev.conflux.serviceplane.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Test tokens: claims an issuer would put in, signed with keys made in the test. */
final class Tokens {

    static final String ISSUER = "https://idp.example";
    static final String AUDIENCE = "conflux-orders";

    private Tokens() {
    }

    static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject("billing")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "orders:write orders:read");
    }

    static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt;
        if (key instanceof RSAKey rsa) {
            jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(rsa));
        } else if (key instanceof ECKey ec) {
            jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(ec));
        } else {
            throw new IllegalArgumentException(String.valueOf(key));
        }
        return jwt.serialize();
    }

    static String hmac(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** EdDSA with the JDK's Ed25519 (Nimbus' own signer needs Tink). */
    static String ed25519(KeyPair pair, String kid, JWTClaimsSet claims) throws GeneralSecurityException {
        String header = "{\"alg\":\"EdDSA\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signer.sign());
    }

    /** A token with {@code alg: none}, as an attacker would send it. */
    static String unsigned(JWTClaimsSet claims) {
        return b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }
}
