package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.Test;

/** The connector against a real TCP server on loopback, and its component in a plain CamelContext. */
public class ${connectorClass}ConnectorTest {

    /** Answers each line with "echo: <line>", after "AUTH secret" when a token is expected. */
    static ServerSocket server(String token) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
                    String line = in.readLine();
                    if (token != null) {
                        out.write(("AUTH " + token).equals(line) ? "OK\n" : "DENIED\n");
                        out.flush();
                        line = in.readLine();
                    }
                    out.write("echo: " + line + "\n");
                    out.flush();
                } catch (Exception e) {
                    // next connection
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    static ${connectorClass}Connector connector(int port, String token) {
        Map<String, String> values = token == null
                ? Map.of("host", "127.0.0.1", "port", String.valueOf(port), "timeout", "2s")
                : Map.of("host", "127.0.0.1", "port", String.valueOf(port), "timeout", "2s", "token", "ENC(x)");
        // In Conflux the registry decrypts ENC(...) values; here the "decryption" just hands out the test token.
        return new ${connectorClass}Connector(new ConnectorSettings("test", "${connectorType}", "test", values, v -> token));
    }

    @Test
    public void healthAndAFlowCallAgainstARealServer() throws Exception {
        try (ServerSocket server = server("secret")) {
            ${connectorClass}Connector connector = connector(server.getLocalPort(), "secret");
            assertEquals(Health.Status.UP, connector.check().status());
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addComponent("test", connector.createComponent());
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                assertEquals("echo: hello", template.requestBody("test:any", "hello", String.class));
            }
        }
    }

    @Test
    public void downWithTheReason() throws Exception {
        try (ServerSocket server = server("secret")) {
            Health denied = connector(server.getLocalPort(), "wrong").check();
            assertEquals(Health.Status.DOWN, denied.status());
            assertTrue(denied.reason(), denied.reason().contains("authentication failed"));
        }
        // A port that nothing listens on, held by a bound socket so that no other process can take it meanwhile.
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Health refused = connector(bound.getLocalPort(), null).check();
            assertEquals(Health.Status.DOWN, refused.status());
            assertTrue(refused.reason(), refused.reason().contains("connection refused"));
        }
    }
}
