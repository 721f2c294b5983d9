package dev.conflux.trust.jmx;

/**
 * The trust inventory as {@code conflux:type=trust}, read only; each attribute is read from the container when asked.
 * Every console role may read it (etc/jmx.acl.conflux.trust.cfg): it holds no password, key or secret value.
 * Times are ISO-8601 instants; an empty string means none.
 */
public interface TrustMXBean {

    /** Every listener: address, port, protocol, TLS, authentication. */
    TrustViews.ListenerView[] getListeners();

    /** Every service endpoint and its authentication policy. */
    TrustViews.EndpointView[] getEndpoints();

    /** Every certificate of the keystores and truststores listeners use, with days left and who uses it. */
    TrustViews.CertificateView[] getCertificates();

    /** API keys issued to service consumers (never the key). */
    TrustViews.ApiKeyView[] getApiKeys();

    /** Connector secrets, each encrypted or in clear text (never the value). */
    TrustViews.SecretView[] getSecrets();

    /** Login locks in force. */
    TrustViews.LockoutView[] getLockouts();

    /** What could not be listed and why. */
    String[] getNotes();
}
