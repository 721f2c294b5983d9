package dev.conflux.cluster.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster's status queue on the broker pair, {@value #QUEUE}: a last-value queue keyed by the node's name
 * (etc/artemis.xml), so it holds each node's latest report and nothing else. A node sends its report and browses the
 * queue for everyone's; nothing is consumed. Reports are not persistent: a node sends a new one every few seconds.
 */
final class StatusQueue implements AutoCloseable {

    static final String QUEUE = "conflux.cluster.status";
    /** The message property the queue keeps the last value of. */
    static final String KEY = "node";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.parse(p.getText());
                        }
                    }));

    private final Connection connection;
    private final Session session;
    private final Queue queue;
    private final MessageProducer producer;

    StatusQueue(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        try {
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            queue = session.createQueue(QUEUE);
            producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    void send(NodeReport report) throws JMSException, IOException {
        TextMessage message = session.createTextMessage(JSON.writeValueAsString(report));
        message.setStringProperty(KEY, report.node());
        producer.send(message);
    }

    /** Each node's latest report; a report that cannot be read is left out. */
    Map<String, NodeReport> read() throws JMSException {
        Map<String, NodeReport> reports = new HashMap<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                if (m instanceof TextMessage text) {
                    try {
                        NodeReport r = JSON.readValue(text.getText(), NodeReport.class);
                        reports.merge(r.node(), r, (a, b) -> a.at().isAfter(b.at()) ? a : b);
                    } catch (IOException | RuntimeException unreadable) {
                        // a report of another version or not one at all: not a node's status
                    }
                }
            }
        }
        return reports;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException ignored) {
            // gone already
        }
    }
}
