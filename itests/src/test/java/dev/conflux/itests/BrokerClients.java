package dev.conflux.itests;

import jakarta.jms.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.qpid.jms.JmsConnectionFactory;

/** Proper, authenticated clients of each broker protocol, as a user's client library would connect. */
final class BrokerClients {

    private BrokerClients() {
    }

    /** JMS over Artemis core: connects, authenticates and starts the connection. */
    static void core(int port, String user, String password) throws Exception {
        try (Jms jms = new Jms("tcp://127.0.0.1:" + port, user, password)) {
            jms.connection().getMetaData();
        }
    }

    /** JMS over AMQP 1.0 (Qpid JMS): SASL PLAIN, open, started. */
    static void amqp(int port, String user, String password) throws Exception {
        try (Connection c = new JmsConnectionFactory("amqp://127.0.0.1:" + port).createConnection(user, password)) {
            c.start();
        }
    }

    /** STOMP 1.2 CONNECT with credentials; answers the broker's reply frame's command (CONNECTED or ERROR). */
    static String stomp(int port, String user, String password) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nlogin:" + user + "\npasscode:"
                    + password + "\n\n\0").getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            for (int b; (b = in.read()) > 0; ) {
                frame.write(b);
            }
            String reply = frame.toString(StandardCharsets.UTF_8).strip();
            return reply.isEmpty() ? "" : reply.lines().findFirst().orElse("");
        }
    }

    /** MQTT 3.1.1 CONNECT with credentials; answers CONNACK's return code (0: accepted), or -1 without one. */
    static int mqtt(int port, String user, String password) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(BrokerFuzz.mqttPacket(0x10, BrokerFuzz.mqttConnectBody(user, password)));
            byte[] connack = s.getInputStream().readNBytes(4);
            return connack.length == 4 && connack[0] == 0x20 ? connack[3] : -1;
        }
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }
}
