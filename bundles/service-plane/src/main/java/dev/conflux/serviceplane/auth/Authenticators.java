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

    /** The bearer token (JWT) verifier for an endpoint's {@code jwt.*} settings. */
    public static BearerTokenVerifier jwt(Map<String, String> settings) {
        return token -> {
            throw new AuthenticationFailure(401, "Bearer tokens are not accepted by this server yet.");
        };
    }

    /** The client certificate mapper for an endpoint's {@code mtls.*} settings. */
    public static ClientCertificateMapper mtls(Map<String, String> settings) {
        return chain -> {
            throw new AuthenticationFailure(401, "Client certificates are not accepted by this server yet.");
        };
    }
}
