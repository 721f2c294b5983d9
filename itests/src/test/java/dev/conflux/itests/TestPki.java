package dev.conflux.itests;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Certificates for a TLS service plane with client certificates, made with the JDK's keytool in a fresh directory:
 * the server's key ({@code server.p12}, CN 127.0.0.1), a CA with the client certificates it issued
 * ({@code clients.p12}), the truststore the server checks them against ({@code truststore.p12}, the CA only), and a
 * self-signed {@link #ROGUE} with the same subject as {@link #BILLING} that the CA never issued ({@code rogue.p12}).
 */
final class TestPki {

    static final String PASSWORD = "pki-" + UUID.randomUUID();
    static final String BILLING = "billing";
    static final String STRANGER = "stranger";
    static final String ROGUE = "rogue";
    static final String BILLING_DN = "CN=billing,OU=Apps,O=Example";

    final Path dir;

    TestPki(Path dir) throws Exception {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        keytool("server.p12", "-alias", "server", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1");
        keytool("clients.p12", "-alias", "ca", "-dname", "CN=Conflux itest CA,O=Example", "-ext", "bc:c");
        keytool("clients.p12", "-alias", BILLING, "-dname", BILLING_DN, "-signer", "ca");
        keytool("clients.p12", "-alias", STRANGER, "-dname", "CN=stranger,OU=Apps,O=Example", "-signer", "ca");
        keytool("rogue.p12", "-alias", ROGUE, "-dname", BILLING_DN);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", load("clients.p12").getCertificate("ca"));
        try (OutputStream out = Files.newOutputStream(truststore())) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** A client that trusts the server's certificate and presents none. */
    SSLContext anonymous() throws Exception {
        return context(null);
    }

    /** A client presenting the certificate (and its chain) under this alias. */
    SSLContext client(String alias) throws Exception {
        KeyStore source = load(alias.equals(ROGUE) ? "rogue.p12" : "clients.p12");
        KeyStore one = KeyStore.getInstance("PKCS12");
        one.load(null, null);
        one.setKeyEntry(alias, source.getKey(alias, PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                source.getCertificateChain(alias));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(one, PASSWORD.toCharArray());
        return context(new Presenting((X509ExtendedKeyManager) kmf.getKeyManagers()[0], alias));
    }

    private SSLContext context(KeyManager keys) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("server.p12"));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys == null ? null : new KeyManager[] {keys}, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Presents its certificate whatever CAs the server says it accepts, as curl's {@code --cert} does (the JDK's own
     * key manager would quietly send none when the issuer is not among them).
     */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final String alias;

        Presenting(X509ExtendedKeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    private KeyStore load(String file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private void keytool(String store, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", dir.resolve(store).toString(), "-storepass", PASSWORD));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + out);
        }
    }
}
