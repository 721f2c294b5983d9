package dev.conflux.serviceplane.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks EdDSA (Ed25519) signatures with the JDK's own Ed25519, so the bundle needs no Tink (which Nimbus' own
 * Ed25519 verifier is built on).
 */
final class Ed25519JdkVerifier implements JWSVerifier {

    /** The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte key follows it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey key;
    private final JCAContext jca = new JCAContext();

    Ed25519JdkVerifier(OctetKeyPair jwk) throws JOSEException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new JOSEException("only Ed25519 keys are supported for EdDSA");
        }
        this.key = publicKey(jwk.getX().decode());
    }

    /** The JDK key for a raw 32-byte Ed25519 public key. */
    static PublicKey publicKey(byte[] raw) throws JOSEException {
        if (raw.length != 32) {
            throw new JOSEException("an Ed25519 public key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("not an Ed25519 public key", e);
        }
    }

    /** The raw 32 bytes of a JDK Ed25519 public key (the tail of its SubjectPublicKeyInfo). */
    static Base64URL raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
