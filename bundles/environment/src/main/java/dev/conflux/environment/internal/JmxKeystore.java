package dev.conflux.environment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.karaf.jaas.config.KeystoreInstance;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's TLS keystore (the service plane's: {@code conflux.services.tls.keystore}, password from
 * {@code CONFLUX_TLS_KEYSTORE_PASSWORD}) offered to Karaf's JMX connector as the keystore named {@value #NAME}, so
 * that JMX over RMI runs over TLS ({@code secured = true} in etc/org.apache.karaf.management.cfg) without the password
 * being written to any file. Offered only when {@code conflux.jmx.tls} is true (prod). Karaf's management bundle
 * takes it from the KeystoreManager and never sees the service itself ({@link KeystoreHiding} says why).
 */
@Component(immediate = true, service = {})
public class JmxKeystore implements KeystoreInstance {

    static final String NAME = "conflux";
    static final String PASSWORD_VARIABLE = "CONFLUX_TLS_KEYSTORE_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(JmxKeystore.class);

    private KeyStore keystore;
    private char[] password;
    private ServiceRegistration<KeystoreInstance> registration;
    private ServiceRegistration<?> hiding;

    @Activate
    void activate(BundleContext context) {
        if (!Boolean.parseBoolean(System.getProperty("conflux.jmx.tls", "false"))) {
            return;
        }
        Path file = Path.of(System.getProperty("conflux.services.tls.keystore", "etc/tls/services.p12"));
        if (!file.isAbsolute()) {
            file = Path.of(System.getProperty("karaf.base", ".")).resolve(file);
        }
        try {
            load(file, System.getenv(PASSWORD_VARIABLE));
        } catch (IllegalStateException e) {
            LOG.error("JMX over TLS: {}", e.getMessage());
            return;
        }
        // The hook first: Karaf's management bundle must never see the keystore service (see KeystoreHiding).
        hiding = context.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()},
                new KeystoreHiding(), null);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", NAME);
        props.put(KeystoreHiding.MARKER, Boolean.TRUE);
        registration = context.registerService(KeystoreInstance.class, this, props);
        LOG.info("JMX over TLS: keystore '{}' is {}", NAME, file);
    }

    /** Reads the PKCS12 keystore; a missing file or password, or a wrong password, says what to set. */
    void load(Path file, String keystorePassword) {
        if (keystorePassword == null || keystorePassword.isEmpty()) {
            throw new IllegalStateException("no keystore password; set " + PASSWORD_VARIABLE);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the keystore " + file + " cannot be read; set CONFLUX_TLS_KEYSTORE to a"
                    + " PKCS12 keystore holding the server key and certificate");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, keystorePassword.toCharArray());
            keystore = ks;
            password = keystorePassword.toCharArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the keystore " + file + " cannot be opened with " + PASSWORD_VARIABLE
                    + " (" + e.getMessage() + ")");
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (hiding != null) {
            hiding.unregister();
            hiding = null;
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public String getType() {
        return "PKCS12";
    }

    @Override
    public String[] listTrustCertificates() {
        List<String> aliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(keystore.aliases())) {
                if (keystore.getCertificate(alias) != null) {
                    aliases.add(alias);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return aliases.toArray(String[]::new);
    }

    @Override
    public Certificate getCertificate(String alias) {
        try {
            return keystore.getCertificate(alias);
        } catch (KeyStoreException e) {
            return null;
        }
    }

    @Override
    public String getCertificateAlias(Certificate certificate) {
        try {
            return keystore.getCertificateAlias(certificate);
        } catch (KeyStoreException e) {
            return null;
        }
    }

    @Override
    public Certificate[] getCertificateChain(String alias) {
        try {
            return keystore.getCertificateChain(alias);
        } catch (KeyStoreException e) {
            return null;
        }
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        try {
            Key key = keystore.getKey(alias, password);
            return key instanceof PrivateKey privateKey ? privateKey : null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public boolean isKeystoreLocked() {
        return false;
    }

    @Override
    public boolean isKeyLocked(String alias) {
        return false;
    }

    /** Every key of the keystore (it normally holds one); the alias the JMX configuration names is not required. */
    @Override
    public KeyManager[] getKeyManager(String algorithm, String keyAlias)
            throws NoSuchAlgorithmException, UnrecoverableKeyException, KeyStoreException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(algorithm(algorithm, KeyManagerFactory.getDefaultAlgorithm()));
        kmf.init(keystore, password);
        return kmf.getKeyManagers();
    }

    @Override
    public TrustManager[] getTrustManager(String algorithm) throws KeyStoreException, NoSuchAlgorithmException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                algorithm(algorithm, TrustManagerFactory.getDefaultAlgorithm()));
        tmf.init(keystore);
        return tmf.getTrustManagers();
    }

    private static String algorithm(String configured, String fallback) {
        return configured == null || configured.isBlank() || configured.equals("default") ? fallback : configured;
    }
}
