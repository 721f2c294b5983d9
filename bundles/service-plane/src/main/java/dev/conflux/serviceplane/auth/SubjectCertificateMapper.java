package dev.conflux.serviceplane.auth;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Maps the client certificate the TLS handshake already validated (against the service plane's truststore) to a
 * consumer, from an endpoint's {@code mtls.*} settings:
 * <ul>
 * <li>{@code mtls.consumer.<name> = <subject DN>}: only these subjects are let in, as {@code <name>}; without any,
 * every subject is, as its common name (CN);</li>
 * <li>{@code mtls.issuer = <issuer DN>}: optionally, only certificates issued by that CA.</li>
 * </ul>
 * No certificate is 401; a subject not allowed (or without a CN) is 403. DNs compare as X.500 names (case and spacing
 * do not matter).
 */
public final class SubjectCertificateMapper implements ClientCertificateMapper {

    static final String CONSUMER_PREFIX = "mtls.consumer.";

    /** Canonical subject DN to consumer name; empty: the subject's CN. */
    private final Map<String, String> consumers;
    /** Canonical issuer DN, or null for any issuer the truststore trusts. */
    private final String issuer;

    SubjectCertificateMapper(Map<String, String> consumers, String issuer) {
        this.consumers = Map.copyOf(consumers);
        this.issuer = issuer;
    }

    /**
     * A mapper from an endpoint's {@code mtls.*} settings.
     *
     * @throws IllegalArgumentException naming the key whose DN cannot be read
     */
    public static SubjectCertificateMapper fromConfig(Map<String, String> config) {
        Map<String, String> consumers = new LinkedHashMap<>();
        String issuer = null;
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(CONSUMER_PREFIX)) {
                String name = key.substring(CONSUMER_PREFIX.length()).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(key + ": name the consumer after " + CONSUMER_PREFIX);
                }
                String dn = canonical(key, e.getValue());
                String other = consumers.putIfAbsent(dn, name);
                if (other != null) {
                    throw new IllegalArgumentException(key + ": the subject is already mapped to " + other);
                }
            } else if (key.equals("mtls.issuer") && e.getValue() != null && !e.getValue().isBlank()) {
                issuer = canonical(key, e.getValue());
            }
        }
        return new SubjectCertificateMapper(consumers, issuer);
    }

    private static String canonical(String key, String dn) {
        if (dn == null || dn.isBlank()) {
            throw new IllegalArgumentException(key + " must be a distinguished name such as CN=billing,O=Example");
        }
        try {
            return new X500Principal(dn.trim()).getName(X500Principal.CANONICAL);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a distinguished name: '" + dn.trim() + "'");
        }
    }

    @Override
    public Consumer map(X509Certificate[] chain) throws AuthenticationFailure {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            throw new AuthenticationFailure(401, "client certificate required");
        }
        X509Certificate leaf = chain[0];
        if (issuer != null && !issuer.equals(leaf.getIssuerX500Principal().getName(X500Principal.CANONICAL))) {
            throw new AuthenticationFailure(403, "client certificate not allowed");
        }
        X500Principal subject = leaf.getSubjectX500Principal();
        String name = consumers.isEmpty() ? commonName(subject)
                : consumers.get(subject.getName(X500Principal.CANONICAL));
        if (name == null || name.isBlank()) {
            throw new AuthenticationFailure(403, "client certificate not allowed");
        }
        return new Consumer(name, "mtls", Set.of());
    }

    /** The subject's most specific CN, or null. */
    static String commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists the RDNs from the most general to the most specific
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
