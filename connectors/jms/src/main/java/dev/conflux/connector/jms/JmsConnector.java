package dev.conflux.connector.jms;

import static dev.conflux.connector.jms.JmsConnectorType.*;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.net.ConnectException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Component;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * One broker account. A flow's {@code NAME:queue:orders} (or {@code NAME:topic:…}) is that destination on the
 * instance's broker, with the options of Camel's jms component.
 */
final class JmsConnector implements Connector {

    private final ConnectorSettings settings;
    private final String url;
    private final boolean amqp;

    JmsConnector(ConnectorSettings settings) {
        this.settings = settings;
        this.url = settings.text(URL);
        this.amqp = url.startsWith("amqp");
    }

    /** A factory with the instance's credentials, never written into the URL. */
    ConnectionFactory factory() {
        long timeout = settings.millis(CONNECT_TIMEOUT);
        String user = settings.text(USERNAME);
        String password = settings.secret(PASSWORD);
        if (amqp) {
            String withTimeout = url.contains("transport.connectTimeout") ? url
                    : url + (url.contains("?") ? "&" : "?") + "transport.connectTimeout=" + timeout;
            return new JmsConnectionFactory(user, password, withTimeout);
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        factory.setCallTimeout(timeout);
        factory.setInitialConnectAttempts(1);
        return factory;
    }

    @Override
    public Component createComponent() {
        CachingConnectionFactory caching = new CachingConnectionFactory(factory());
        caching.setCacheConsumers(false); // a stopped flow hands its prefetched messages back at once
        caching.setReconnectOnException(true);
        caching.setSessionCacheSize(settings.integer(SESSION_CACHE));
        settings.optional(CLIENT_ID).ifPresent(caching::setClientId);
        JmsComponent jms = new JmsInstanceComponent(caching);
        // As for the embedded broker's jms component: local session transactions, see docs/performance.md.
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        jms.getConfiguration().setTransacted(settings.bool(TRANSACTED));
        jms.getConfiguration().setConcurrentConsumers(settings.integer(CONCURRENT_CONSUMERS));
        return jms;
    }

    @Override
    public Health check() {
        String who = (settings.has(USERNAME) ? settings.text(USERNAME) + " at " : "") + url;
        try (Connection connection = factory().createConnection()) {
            connection.start();
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            return Health.up((amqp ? "AMQP 1.0, " : "Artemis core, ") + who);
        } catch (JMSSecurityException e) {
            return Health.down("authentication failed for " + who);
        } catch (JMSException | RuntimeException e) {
            return Health.down(reason(e, who));
        }
    }

    private String reason(Exception e, String who) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "host unreachable: connection refused at " + url;
            }
            if (t instanceof JMSSecurityException || t.getClass().getSimpleName().contains("Security")) {
                return "authentication failed for " + who;
            }
            messages.append(t.getMessage()).append(' ');
        }
        String all = messages.toString();
        if (all.contains("AMQ219007") || all.contains("Cannot connect to server")) {
            return "host unreachable: cannot connect to " + url;
        }
        if (all.contains("AMQ229031") || all.contains("Unable to validate user")) {
            return "authentication failed for " + who;
        }
        if (all.contains("SSL") || all.contains("certificate")) {
            return "TLS error with " + url + ": " + e.getMessage();
        }
        return who + ": " + e.getMessage();
    }
}
