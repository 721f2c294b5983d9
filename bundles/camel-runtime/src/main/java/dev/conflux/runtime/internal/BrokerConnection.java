package dev.conflux.runtime.internal;

import dev.conflux.security.api.ServiceAccount;
import jakarta.jms.ConnectionFactory;
import java.util.Hashtable;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the embedded Artemis broker that flows use, registered as a jakarta
 * {@link ConnectionFactory} service with {@code conflux.broker=embedded}. Authenticates with the internal
 * service account. Each flow opens its own connection from it and caches up to {@value #SESSION_CACHE_SIZE}
 * producer sessions on it (published as a service property; see {@link FlowContextFactory#connection()}).
 */
@Component(immediate = true, configurationPid = "conflux.broker", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = BrokerConnection.Config.class)
public class BrokerConnection {

    @ObjectClassDefinition(name = "Conflux broker connection", description = "How flows reach the embedded broker")
    public @interface Config {
        @AttributeDefinition(description = "Artemis core URL of the embedded broker (or of the cluster's pair)")
        String url() default "tcp://127.0.0.1:61616";

        @AttributeDefinition(description = "URL parameters added to url (failover, TLS), separated by ';'")
        String options() default "";

        @AttributeDefinition(description = "JMS sessions each flow keeps open on its connection for producers that"
                + " do not send within a consumer's session (e.g. timer or REST routes sending to a queue)")
        int sessionCacheSize() default 10;
    }

    /** Service property: how many producer sessions each flow caches. */
    static final String SESSION_CACHE_SIZE = "sessionCacheSize";

    static final String KEYSTORE_PASSWORD_VARIABLE = "CONFLUX_TLS_KEYSTORE_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    @Reference
    private ServiceAccount account;

    private ActiveMQConnectionFactory artemis;
    private ServiceRegistration<ConnectionFactory> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        if (config.sessionCacheSize() < 1) {
            throw new IllegalArgumentException("sessionCacheSize must be at least 1, not " + config.sessionCacheSize());
        }
        String url = url(config.url(), config.options());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            artemis = new ActiveMQConnectionFactory(url, account.username(), account.password());
            trustStorePassword(artemis, System.getenv(KEYSTORE_PASSWORD_VARIABLE));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("conflux.broker", "embedded");
        // Not pooled: each flow manages its own connection (see FlowContextFactory).
        props.put("conflux.broker.pooled", "false");
        props.put("url", url);
        props.put(SESSION_CACHE_SIZE, config.sessionCacheSize());
        registration = context.registerService(ConnectionFactory.class, artemis, props);
        LOG.info("Broker connection for flows: {} as {}, {} producer sessions cached per flow", url,
                account.username(), config.sessionCacheSize());
    }

    /** The URL with its parameters (kept apart in the .cfg: FileInstall loses what follows "}?" in a value). */
    static String url(String url, String options) {
        String o = options == null ? "" : options.strip();
        while (o.startsWith(";") || o.startsWith("?")) {
            o = o.substring(1);
        }
        return o.isEmpty() ? url : url + (url.contains("?") ? ";" : "?") + o;
    }

    /**
     * A TLS connection that names a trust store but not its password gets the password from
     * {@value #KEYSTORE_PASSWORD_VARIABLE} (the broker's own keystore), so it never appears in a configuration.
     */
    static void trustStorePassword(ActiveMQConnectionFactory factory, String password) {
        for (TransportConfiguration transport : factory.getStaticConnectors()) {
            Map<String, Object> params = transport.getParams();
            if (Boolean.parseBoolean(String.valueOf(params.get(TransportConstants.SSL_ENABLED_PROP_NAME)))
                    && params.containsKey(TransportConstants.TRUSTSTORE_PATH_PROP_NAME)
                    && !params.containsKey(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME)) {
                if (password == null || password.isEmpty()) {
                    throw new IllegalStateException("The broker connection uses TLS but " + KEYSTORE_PASSWORD_VARIABLE
                            + " is not set; set it to the password of the keystore "
                            + params.get(TransportConstants.TRUSTSTORE_PATH_PROP_NAME));
                }
                params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, password);
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (artemis != null) {
            artemis.close();
        }
    }
}
