package dev.conflux.itests;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A JMS client of a broker over the Artemis core protocol (by default: the embedded one, as admin). */
public final class Jms implements AutoCloseable {

    private final Connection connection;

    public Jms(ConfluxDistribution conflux) throws Exception {
        this(conflux.brokerUrl(), ConfluxDistribution.PASSWORD);
    }

    public Jms(String brokerUrl, String adminPassword) throws Exception {
        this(brokerUrl, ConfluxDistribution.ADMIN, adminPassword);
    }

    /** A client of any Artemis broker (e.g. the second broker the jms connector is tested against). */
    public Jms(String brokerUrl, String user, String password) throws Exception {
        connection = new ActiveMQConnectionFactory(brokerUrl).createConnection(user, password);
        connection.start();
    }

    public Connection connection() {
        return connection;
    }

    public void send(String queue, String text) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(text));
        }
    }

    /**
     * The next message's text (a bytes message, such as a file a flow picked up, read as UTF-8), or null if none
     * arrives within the timeout.
     */
    public String receive(String queue, long timeoutMillis) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            Message m = c.receive(timeoutMillis);
            if (m instanceof jakarta.jms.BytesMessage bytes) {
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                return new String(body, java.nio.charset.StandardCharsets.UTF_8);
            }
            return m == null ? null : ((TextMessage) m).getText();
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
