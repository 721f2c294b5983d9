package dev.conflux.serviceplane.auth;

import java.util.Map;

/**
 * Where the policies {@code jwt} and {@code mtls} get their checkers, built once per endpoint policy from its
 * {@code jwt.*} / {@code mtls.*} keys. A factory throws {@link IllegalArgumentException} naming the key when the
 * settings are wrong; the policy is then reported as invalid and refuses every call.
 */
public final class Authenticators {

    private Authenticators() {
    }

    /** The bearer token (JWT) verifier for an endpoint's {@code jwt.*} settings (see {@link JwtConfig}). */
    public static BearerTokenVerifier jwt(Map<String, String> settings) {
        return JwtVerifier.fromConfig(settings);
    }

    /** The client certificate mapper for an endpoint's {@code mtls.*} settings (see {@link SubjectCertificateMapper}). */
    public static ClientCertificateMapper mtls(Map<String, String> settings) {
        return SubjectCertificateMapper.fromConfig(settings);
    }
}
