package dev.conflux.trust.internal;

import dev.conflux.trust.api.TrustReport.Listener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds every listener of the container and the keystores they use, from the configurations that open them:
 * the management plane (Pax Web, {@value #WEB}), the service plane ({@value #SERVICES}), the broker's acceptors (from
 * the running broker), SSH ({@value #SSH}, when installed) and JMX ({@value #JMX}). Ports are the configured ones,
 * never assumed.
 */
final class ListenerScan {

    static final String WEB = "org.ops4j.pax.web";
    static final String SERVICES = "conflux.serviceplane";
    static final String SSH = "org.apache.karaf.shell";
    static final String JMX = "org.apache.karaf.management";
    static final String BROKER = "org.apache.activemq.artemis";
    static final String SSH_BUNDLE = "org.apache.karaf.shell.ssh";
    static final String JMX_BUNDLE = "org.apache.karaf.management.server";
    /** Where a TLS keystore's password comes from when its configuration leaves it empty. */
    static final String PASSWORD_VARIABLE = "CONFLUX_TLS_KEYSTORE_PASSWORD";
    static final String ALL = "0.0.0.0";

    /** What the scan found. */
    record Result(List<Listener> listeners, List<StoreRef> stores) {
    }

    private final Settings settings;
    private final Acceptors acceptors;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<StoreRef> stores = new ArrayList<>();
    private final List<String> notes;

    private ListenerScan(Settings settings, Acceptors acceptors, List<String> notes) {
        this.settings = settings;
        this.acceptors = acceptors;
        this.notes = notes;
    }

    /** Scans every plane; what cannot be found is said in {@code notes}. */
    static Result scan(Settings settings, Acceptors acceptors, List<String> notes) {
        ListenerScan scan = new ListenerScan(settings, acceptors, notes);
        scan.management();
        scan.services();
        scan.broker();
        scan.ssh();
        scan.jmx();
        return new Result(List.copyOf(scan.listeners), List.copyOf(scan.stores));
    }

    private void management() {
        Map<String, String> web = settings.config(WEB);
        if (web.isEmpty()) {
            notes.add("management plane: no " + WEB + " configuration (is the console installed?)");
            return;
        }
        String address = web.getOrDefault("org.ops4j.pax.web.listening.addresses", ALL);
        String auth = "true".equalsIgnoreCase(settings.property("hawtio.authenticationEnabled"))
                ? "console login and Jolokia Basic: realm " + or(settings.property("hawtio.realm"), "karaf")
                        + ", roles " + or(settings.property("hawtio.roles"), "admin,manager,viewer")
                : "none (hawtio.authenticationEnabled is not true)";
        if (flag(web, "org.osgi.service.http.enabled", true)) {
            add("management (console, Jolokia)", "HTTP", address, port(web, "org.osgi.service.http.port", 8181),
                    false, auth, null);
        }
        if (flag(web, "org.osgi.service.http.secure.enabled", false)) {
            String name = "management (console, Jolokia) HTTPS";
            boolean clientCert = flag(web, "org.ops4j.pax.web.ssl.clientauth.needed", false);
            String keystore = web.get("org.ops4j.pax.web.ssl.keystore");
            add(name, "HTTPS", address, port(web, "org.osgi.service.http.port.secure", 8443), true,
                    auth + (clientCert ? "; client certificate required" : ""), keystore);
            store(keystore, web.get("org.ops4j.pax.web.ssl.keystore.type"),
                    web.get("org.ops4j.pax.web.ssl.keystore.password"),
                    WEB + " org.ops4j.pax.web.ssl.keystore.password", "keystore", name);
            store(web.get("org.ops4j.pax.web.ssl.truststore"), web.get("org.ops4j.pax.web.ssl.truststore.type"),
                    web.get("org.ops4j.pax.web.ssl.truststore.password"),
                    WEB + " org.ops4j.pax.web.ssl.truststore.password", "truststore", name);
        }
    }

    private void services() {
        Map<String, String> plane = settings.config(SERVICES);
        if (plane.isEmpty()) {
            notes.add("service plane: no " + SERVICES + " configuration (is conflux-service-plane installed?)");
            return;
        }
        boolean tls = flag(plane, "tlsEnabled", false);
        String name = "service plane (SOAP, REST)";
        String keystore = tls ? plane.get("tlsKeystore") : null;
        add(name, tls ? "HTTPS" : "HTTP", plane.getOrDefault("host", ALL), port(plane, "port", 8182), tls,
                "per endpoint policy (see endpoints)", keystore);
        if (tls) {
            store(keystore, plane.get("tlsKeystoreType"), plane.get("tlsKeystorePassword"),
                    SERVICES + " tlsKeystorePassword", "keystore", name);
            store(plane.get("tlsTruststore"), plane.get("tlsTruststoreType"), plane.get("tlsTruststorePassword"),
                    SERVICES + " tlsTruststorePassword", "truststore", name);
        }
    }

    private void broker() {
        List<Acceptors.Acceptor> found = acceptors.list();
        if (found.isEmpty()) {
            notes.add("broker: no acceptors reported by the broker's management (is the broker running?)");
            return;
        }
        Boolean security = acceptors.securityEnabled();
        String realm = or(settings.config(BROKER).get("domain"), "karaf");
        for (Acceptors.Acceptor a : found) {
            Map<String, Object> p = a.parameters();
            boolean tls = "true".equalsIgnoreCase(text(p.get("sslEnabled")));
            boolean clientCert = "true".equalsIgnoreCase(text(p.get("needClientAuth")));
            String name = "broker acceptor " + a.name() + (a.started() ? "" : " (stopped)");
            String auth = Boolean.FALSE.equals(security) ? "none (broker security disabled)"
                    : "realm " + realm + (clientCert ? "; client certificate required" : "");
            String keystore = tls ? text(p.get("keyStorePath")) : null;
            add(name, or(text(p.get("protocols")), "all protocols"), or(text(p.get("host")), "localhost"),
                    parse(text(p.get("port")), 61616), tls, auth, keystore);
            if (tls) {
                // The broker's management masks passwords; the keystore is opened with the shared TLS password.
                store(keystore, text(p.get("keyStoreType")), null, "acceptor " + a.name(), "keystore", name);
                store(text(p.get("trustStorePath")), text(p.get("trustStoreType")), null, "acceptor " + a.name(),
                        "truststore", name);
            }
        }
    }

    private void ssh() {
        if (!settings.bundleActive(SSH_BUNDLE)) {
            return; // not installed (prod): nothing listens
        }
        Map<String, String> ssh = settings.config(SSH);
        add("SSH shell", "SSH", ssh.getOrDefault("sshHost", ALL), port(ssh, "sshPort", 8101), false,
                "realm " + ssh.getOrDefault("sshRealm", "karaf") + ", role " + ssh.getOrDefault("sshRole", "ssh")
                        + " (password or key); commands by etc/org.apache.karaf.command.acl.*.cfg", null);
    }

    private void jmx() {
        if (!settings.bundleActive(JMX_BUNDLE)) {
            return;
        }
        Map<String, String> jmx = settings.config(JMX);
        boolean tls = flag(jmx, "secured", false);
        String auth = "realm " + jmx.getOrDefault("jmxRealm", "karaf") + ", MBean ACLs etc/jmx.acl.*.cfg";
        String keystore = tls ? "Karaf keystore '" + jmx.getOrDefault("keyStore", "karaf.ks") + "'" : null;
        add("JMX RMI registry", "JMX/RMI", jmx.getOrDefault("rmiRegistryHost", ALL),
                port(jmx, "rmiRegistryPort", 1099), tls, auth, keystore);
        add("JMX RMI server", "JMX/RMI", jmx.getOrDefault("rmiServerHost", ALL), port(jmx, "rmiServerPort", 44444),
                tls, auth, keystore);
        if (flag(jmx, "jmxmpEnabled", false)) {
            add("JMX JMXMP", "JMXMP", jmx.getOrDefault("jmxmpHost", ALL), port(jmx, "jmxmpPort", 9999), false, auth,
                    null);
        }
        if (tls) {
            notes.add("JMX: its keystore is one of Karaf's JAAS keystores (" + keystore + "), not listed here");
        }
    }

    private void add(String name, String protocol, String address, int port, boolean tls, String auth, String ks) {
        listeners.add(new Listener(name, protocol, address.isBlank() ? ALL : address, port, tls, auth,
                ks == null || ks.isBlank() ? null : ks));
    }

    /** A store to read, relative paths from the Conflux home; an empty password falls back to the environment. */
    private void store(String path, String type, String password, String source, String kind, String usedBy) {
        if (path == null || path.isBlank()) {
            return;
        }
        Path file = Path.of(path);
        if (!file.isAbsolute()) {
            file = Path.of(or(settings.property("karaf.base"), ".")).resolve(file);
        }
        String secret = password;
        String from = source;
        if (secret == null || secret.isEmpty()) {
            secret = settings.env(PASSWORD_VARIABLE);
            from = "environment variable " + PASSWORD_VARIABLE + " (" + source + " is empty)";
        }
        stores.add(new StoreRef(file.normalize(), type == null || type.isBlank() ? null : type,
                secret == null || secret.isEmpty() ? null : secret.toCharArray(), from, kind, usedBy));
    }

    private static boolean flag(Map<String, String> config, String key, boolean otherwise) {
        String value = config.get(key);
        return value == null || value.isBlank() ? otherwise : Boolean.parseBoolean(value.trim());
    }

    private int port(Map<String, String> config, String key, int otherwise) {
        return parse(config.get(key), otherwise);
    }

    private static int parse(String value, int otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
