package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.ClassRule;
import org.junit.Test;

/** The embedded broker over its real protocols: Artemis core (JMS) and AMQP 1.0, persistence, authentication. */
public class MessagingIT {

    @ClassRule
    public static final ConfluxDistribution CONFLUX = ConfluxDistribution.booted();

    static final Jolokia console = CONFLUX.admin();


    private static ConnectionFactory core() {
        return new ActiveMQConnectionFactory(CONFLUX.brokerUrl());
    }

    private static ConnectionFactory amqp() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + CONFLUX.amqpPort);
    }

    @Test
    public void jmsAndAmqpClientsExchangePersistentMessages() throws Exception {
        String queue = "itest.exchange." + UUID.randomUUID();
        String body = "hello over core " + UUID.randomUUID();
        send(core(), queue, body);
        assertEquals(body, receive(amqp(), queue));

        String back = "hello over amqp " + UUID.randomUUID();
        send(amqp(), queue, back);
        assertEquals(back, receive(core(), queue));
    }

    @Test
    public void aPersistentMessageSurvivesABrokerRestart() throws Exception {
        String queue = "itest.durable." + UUID.randomUUID();
        String body = "survivor " + UUID.randomUUID();
        send(core(), queue, body);

        long broker = console.bundleId("org.apache.activemq.artemis-server-osgi");
        console.exec("org.apache.karaf:type=bundle,name=root", "restart(java.lang.String)", String.valueOf(broker));

        String received = Await.until("the broker to accept connections again", Duration.ofMinutes(2),
                () -> receive(core(), queue));
        assertEquals(body, received);
    }

    /**
     * Artemis admits its cluster user with every right before any realm: a broker that is not one of a pair refuses it
     * (started here without bin/conflux, so its cluster password is empty), and Artemis's default cluster
     * credentials are not a user at all.
     */
    @Test
    public void theClusterUserIsRefusedByABrokerThatIsNotPartOfAPair() {
        assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(CONFLUX.brokerUrl())
                .createConnection("conflux-cluster", "").close());
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = amqp().createConnection("conflux-cluster", "")) {
                c.start();
            }
        });
        assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(CONFLUX.brokerUrl())
                .createConnection("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!").close());
    }

    @Test
    public void theBrokerRefusesClientsWithoutValidCredentials() {
        assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(CONFLUX.brokerUrl()).createConnection().close());
        assertThrows(JMSSecurityException.class,
                () -> new ActiveMQConnectionFactory(CONFLUX.brokerUrl()).createConnection("admin", "admin").close());
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = amqp().createConnection()) {
                c.start();
            }
        });
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = amqp().createConnection("admin", "wrong")) {
                c.start();
            }
        });
    }

    static void send(ConnectionFactory cf, String queueName, String text) throws Exception {
        try (Connection c = cf.createConnection(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(queueName);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(text));
        }
    }

    static String receive(ConnectionFactory cf, String queueName) throws Exception {
        try (Connection c = cf.createConnection(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queueName));
            TextMessage m = (TextMessage) consumer.receive(10_000);
            assertNotNull("no message on " + queueName, m);
            return m.getText();
        }
    }
}
