package dev.conflux.serviceplane.auth;

import java.util.Map;

/** Builds the token and certificate checks an endpoint policy uses, from the endpoint's cfg properties. */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * The {@code jwt} policy's verifier, from the {@code jwt.*} keys (see {@link JwtConfig}).
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static BearerTokenVerifier jwt(Map<String, String> config) {
        return JwtVerifier.fromConfig(config);
    }

    /**
     * The {@code mtls} policy's mapper, from the {@code mtls.*} keys (see {@link SubjectCertificateMapper}).
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static ClientCertificateMapper mtls(Map<String, String> config) {
        return SubjectCertificateMapper.fromConfig(config);
    }
}
