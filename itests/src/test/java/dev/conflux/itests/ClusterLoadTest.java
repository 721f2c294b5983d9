package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.Test;

/**
 * What the chaos test's producer relies on, against a real Artemis broker: a transaction sent again with the duplicate
 * ids of one already committed is refused as a whole, and {@link ClusterLoad#duplicate} recognises that refusal (so
 * the producer counts the batch as in, instead of sending it again forever).
 */
public class ClusterLoadTest {

    @Test
    public void aBatchSentAgainAfterItsCommitIsRefusedAsADuplicateAndRecognised() throws Exception {
        try (SecondBroker broker = new SecondBroker(Files.createTempDirectory("dup"), "u", "p");
                Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.port).createConnection("u", "p")) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            send(s, 0, 3);
            s.commit();
            send(s, 0, 3);
            JMSException refused = assertThrows(JMSException.class, s::commit);
            assertTrue("recognised as duplicates: " + refused, ClusterLoad.duplicate(refused));

            Session other = c.createSession(true, Session.SESSION_TRANSACTED);
            send(other, 3, 6);
            other.commit();
            c.start();
            var consumer = other.createConsumer(other.createQueue("dup.probe"));
            int kept = 0;
            while (consumer.receive(500) != null) {
                kept++;
            }
            other.commit();
            assertEquals("each message kept once", 6, kept);
            assertFalse("an ordinary failure is not a duplicate", ClusterLoad.duplicate(new JMSException("gone")));
        }
    }

    private static void send(Session s, int from, int to) throws JMSException {
        MessageProducer p = s.createProducer(s.createQueue("dup.probe"));
        for (int i = from; i < to; i++) {
            TextMessage m = s.createTextMessage("m-" + i);
            m.setStringProperty(ClusterLoad.DUPLICATE_ID, "m-" + i);
            p.send(m);
        }
    }
}
