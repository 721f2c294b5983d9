package dev.conflux.trust.jmx;

import dev.conflux.trust.api.TrustReport;
import java.time.Instant;

/** The trust inventory's rows as JMX open data (MXBean getters); built from the api records, read only. */
public final class TrustViews {

    private TrustViews() {
    }

    static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    public static final class ListenerView {
        private final TrustReport.Listener l;

        ListenerView(TrustReport.Listener l) {
            this.l = l;
        }

        public String getName() { return l.name(); }
        public String getProtocol() { return l.protocol(); }
        public String getAddress() { return l.address(); }
        public int getPort() { return l.port(); }
        public boolean isTls() { return l.tls(); }
        public String getAuthentication() { return l.authentication(); }
        public String getKeystore() { return l.keystore() == null ? "" : l.keystore(); }
    }

    public static final class EndpointView {
        private final TrustReport.Endpoint e;

        EndpointView(TrustReport.Endpoint e) {
            this.e = e;
        }

        public String getEndpoint() { return e.endpoint(); }
        public String getPolicy() { return e.policy(); }
        public String getSource() { return e.source(); }
        public int getRateLimit() { return e.rateLimit(); }
    }

    public static final class CertificateView {
        private final TrustReport.Certificate c;

        CertificateView(TrustReport.Certificate c) {
            this.c = c;
        }

        public String getStore() { return c.store(); }
        public String getKind() { return c.kind(); }
        public String getAlias() { return c.alias() == null ? "" : c.alias(); }
        public String getSubject() { return c.subject() == null ? "" : c.subject(); }
        public String getIssuer() { return c.issuer() == null ? "" : c.issuer(); }
        public String getNotAfter() { return time(c.notAfter()); }
        public long getDaysLeft() { return c.daysLeft(); }
        public boolean isExpiresSoon() { return c.expiresSoon(); }
        public String getUsedBy() { return c.usedBy(); }
        public String getProblem() { return c.problem() == null ? "" : c.problem(); }
    }

    public static final class ApiKeyView {
        private final TrustReport.ApiKey k;

        ApiKeyView(TrustReport.ApiKey k) {
            this.k = k;
        }

        public String getId() { return k.id(); }
        public String getConsumer() { return k.consumer(); }
        public String getCreated() { return time(k.created()); }
        public String getExpires() { return time(k.expires()); }
        public String getLastUsed() { return time(k.lastUsed()); }
        public boolean isRevoked() { return k.revoked(); }
    }

    public static final class SecretView {
        private final TrustReport.Secret s;

        SecretView(TrustReport.Secret s) {
            this.s = s;
        }

        public String getConnector() { return s.connector(); }
        public String getType() { return s.type(); }
        public String getKey() { return s.key(); }
        public boolean isEncrypted() { return s.encrypted(); }
        public String getSource() { return s.source(); }
    }

    public static final class LockoutView {
        private final TrustReport.Lockout l;

        LockoutView(TrustReport.Lockout l) {
            this.l = l;
        }

        public String getSubject() { return l.subject(); }
        public int getFailures() { return l.failures(); }
        public String getSince() { return time(l.since()); }
        public String getUntil() { return time(l.until()); }
    }
}
