package dev.conflux.runtime.internal;

import dev.conflux.security.api.ServiceAccount;
import jakarta.jms.ConnectionFactory;
import java.util.Hashtable;
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
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The connection to the embedded Artemis broker that flows use, registered as a jakarta
 * {@link ConnectionFactory} service with {@code conflux.broker=embedded}. Authenticates with the internal
 * service account; sessions and producers are cached (one physical connection, reconnecting after a broker
 * restart).
 */
@Component(immediate = true, configurationPid = "conflux.broker", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = BrokerConnection.Config.class)
public class BrokerConnection {

    @ObjectClassDefinition(name = "Conflux broker connection", description = "How flows reach the embedded broker")
    public @interface Config {
        @AttributeDefinition(description = "Artemis core URL of the embedded broker")
        String url() default "tcp://127.0.0.1:61616";

        @AttributeDefinition(description = "JMS sessions kept open per connection for producers")
        int sessionCacheSize() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    @Reference
    private ServiceAccount account;

    private ActiveMQConnectionFactory artemis;
    private CachingConnectionFactory caching;
    private ServiceRegistration<ConnectionFactory> registration;
    private ServiceRegistration<ConnectionFactory> unpooledRegistration;

    @Activate
    void activate(BundleContext context, Config config) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            artemis = new ActiveMQConnectionFactory(config.url(), account.username(), account.password());
            caching = new CachingConnectionFactory(artemis);
            caching.setSessionCacheSize(config.sessionCacheSize());
            caching.setReconnectOnException(true);
            // Consumers are never cached: a stopped flow must close its consumer, so that messages the client had
            // prefetched go back to the queue instead of waiting in a consumer nobody reads.
            caching.setCacheConsumers(false);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("conflux.broker", "embedded");
        props.put("conflux.broker.pooled", "true");
        props.put("url", config.url());
        registration = context.registerService(ConnectionFactory.class, caching, props);
        // The plain factory, for components that manage their own connection (each flow gets its own).
        Hashtable<String, Object> unpooled = new Hashtable<>(props);
        unpooled.put("conflux.broker.pooled", "false");
        unpooledRegistration = context.registerService(ConnectionFactory.class, artemis, unpooled);
        LOG.info("Broker connection for flows: {} as {}", config.url(), account.username());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (unpooledRegistration != null) {
            unpooledRegistration.unregister();
        }
        if (caching != null) {
            caching.destroy();
        }
        if (artemis != null) {
            artemis.close();
        }
    }
}
