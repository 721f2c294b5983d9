package dev.conflux.serviceplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Client certificates on the service plane's TLS connector (mutual TLS): the truststore their chains are checked
 * against in the handshake, and whether they are asked for ({@code want}) or required ({@code need}). Which consumer
 * a certificate is, and whether an endpoint requires one, is the endpoint policy's business.
 */
final class ClientCertificates {

    enum Mode { NONE, WANT, NEED }

    private ClientCertificates() {
    }

    static void configure(SslContextFactory.Server tls, ServicePlaneServer.Config config) {
        Mode mode = mode(config.tlsClientAuth(), !config.tlsTruststore().isBlank());
        if (mode == Mode.NONE) {
            return;
        }
        if (config.tlsTruststore().isBlank()) {
            throw new IllegalStateException("Service plane: tlsClientAuth = " + config.tlsClientAuth().trim()
                    + " needs a truststore with the clients' CA certificates (tlsTruststore in"
                    + " etc/conflux.serviceplane.cfg)");
        }
        Path truststore = Paths.get(config.tlsTruststore().trim());
        if (!truststore.isAbsolute()) {
            truststore = Paths.get(System.getProperty("karaf.base", ".")).resolve(truststore);
        }
        if (!Files.isReadable(truststore)) {
            throw new IllegalStateException("Service plane: the truststore " + truststore + " (tlsTruststore in"
                    + " etc/conflux.serviceplane.cfg) cannot be read");
        }
        String password = config.tlsTruststorePassword().isEmpty()
                ? System.getenv("CONFLUX_TLS_TRUSTSTORE_PASSWORD") : config.tlsTruststorePassword();
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("Service plane: a truststore is set but no truststore password."
                    + " Set CONFLUX_TLS_TRUSTSTORE_PASSWORD.");
        }
        tls.setTrustStorePath(truststore.toString());
        tls.setTrustStorePassword(password);
        tls.setTrustStoreType(config.tlsTruststoreType());
        tls.setWantClientAuth(mode == Mode.WANT);
        tls.setNeedClientAuth(mode == Mode.NEED);
    }

    /** {@code tlsClientAuth}; empty means want with a truststore, none without. */
    static Mode mode(String value, boolean truststore) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return truststore ? Mode.WANT : Mode.NONE;
        }
        try {
            return Mode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Service plane: tlsClientAuth must be none, want or need, got '"
                    + value.trim() + "' (etc/conflux.serviceplane.cfg)");
        }
    }
}
