package dev.conflux.serviceplane.auth;

import java.security.cert.X509Certificate;

/** Maps the client certificate chain presented in the TLS handshake (already validated by it) to a consumer. */
public interface ClientCertificateMapper {

    Consumer map(X509Certificate[] chain) throws AuthenticationFailure;
}
