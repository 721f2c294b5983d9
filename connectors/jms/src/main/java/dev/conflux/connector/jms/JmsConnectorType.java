package dev.conflux.connector.jms;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Connector type "jms": instances are configured in etc/conflux.connector.jms-NAME.cfg. */
@Component(service = ConnectorType.class)
public class JmsConnectorType implements ConnectorType {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String CLIENT_ID = "clientId";
    static final String TRANSACTED = "transacted";
    static final String CONCURRENT_CONSUMERS = "concurrentConsumers";
    static final String SESSION_CACHE = "sessionCacheSize";
    static final String CONNECT_TIMEOUT = "connectTimeout";

    @Override
    public String type() {
        return "jms";
    }

    @Override
    public String description() {
        return "Another message broker: queues and topics over Artemis core (tcp://) or AMQP 1.0 (amqp://, amqps://)";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(URL, Kind.TEXT, "Broker URL: tcp://host:61616 (Artemis core protocol) or"
                        + " amqp://host:5672, amqps://host:5671 (AMQP 1.0: Artemis, ActiveMQ, Azure Service Bus,"
                        + " Qpid…); client URL options may follow '?'"),
                ConnectorKey.optional(USERNAME, Kind.TEXT, null, "User to connect as"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password"),
                ConnectorKey.optional(CLIENT_ID, Kind.TEXT, null, "JMS client id (durable topic subscriptions)"),
                ConnectorKey.optional(TRANSACTED, Kind.BOOLEAN, "true", "Consume in a local transaction: a message"
                        + " is acknowledged only when the flow has finished with it, and the flow's sends through"
                        + " this instance commit with it"),
                ConnectorKey.optional(CONCURRENT_CONSUMERS, Kind.INTEGER, "1", "Consumers per flow endpoint"),
                ConnectorKey.optional(SESSION_CACHE, Kind.INTEGER, "10", "Producer sessions kept open per flow"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        String url = settings.text(URL);
        if (!url.startsWith("tcp://") && !url.startsWith("amqp://") && !url.startsWith("amqps://")) {
            throw new InvalidConfigurationException(URL, "'" + url + "' is not a broker URL; expected tcp://host:port"
                    + " (Artemis core) or amqp://host:port, amqps://host:port (AMQP 1.0)");
        }
        if (settings.has(PASSWORD) && !settings.has(USERNAME)) {
            throw new InvalidConfigurationException(USERNAME, "a password is set but no username");
        }
        if (settings.integer(CONCURRENT_CONSUMERS) < 1 || settings.integer(SESSION_CACHE) < 1) {
            throw new InvalidConfigurationException(settings.integer(CONCURRENT_CONSUMERS) < 1 ? CONCURRENT_CONSUMERS
                    : SESSION_CACHE, "must be 1 or more");
        }
        return new JmsConnector(settings);
    }
}
