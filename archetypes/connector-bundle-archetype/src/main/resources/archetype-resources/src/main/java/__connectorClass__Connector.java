package ${package};

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Component;

/** One configured ${connectorType} service. */
final class ${connectorClass}Connector implements Connector {

    private final ConnectorSettings settings;

    ${connectorClass}Connector(ConnectorSettings settings) {
        this.settings = settings;
    }

    /** A new component for one flow: it knows host, port and token; the flow's URI never does. */
    @Override
    public Component createComponent() {
        return new ${connectorClass}InstanceComponent(this);
    }

    /** Sends one line, returns the reply line. */
    String call(String request) throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            if (settings.has(${connectorClass}ConnectorType.TOKEN)) {
                out.write("AUTH " + settings.secret(${connectorClass}ConnectorType.TOKEN) + "\n");
                out.flush();
                String answer = in.readLine();
                if (!"OK".equals(answer)) {
                    throw new IOException("authentication failed: the service answered " + answer);
                }
            }
            out.write(request.replace('\n', ' ') + "\n");
            out.flush();
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("the service closed the connection without a reply");
            }
            return reply;
        }
    }

    private Socket connect() throws IOException {
        int timeout = (int) settings.millis(${connectorClass}ConnectorType.TIMEOUT);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(settings.text(${connectorClass}ConnectorType.HOST),
                settings.integer(${connectorClass}ConnectorType.PORT)), timeout);
        if (socket.getLocalPort() == socket.getPort() && socket.getLocalAddress().equals(socket.getInetAddress())) {
            // TCP "self-connect": with nothing listening on a loopback port in the ephemeral range, the kernel can
            // connect the socket to itself, and a line protocol then reads back its own request.
            socket.close();
            throw new ConnectException("Connection refused (nothing listens on the port)");
        }
        socket.setSoTimeout(timeout);
        return socket;
    }

    /** Reasons an operator can act on: which host, and what went wrong. */
    @Override
    public Health check() {
        String where = settings.text(${connectorClass}ConnectorType.HOST) + ":" + settings.text(${connectorClass}ConnectorType.PORT);
        try {
            call("PING");
            return Health.up(where);
        } catch (ConnectException e) {
            return Health.down("host unreachable: connection refused by " + where);
        } catch (SocketTimeoutException e) {
            return Health.down("no answer from " + where + " within " + settings.text(${connectorClass}ConnectorType.TIMEOUT));
        } catch (IOException e) {
            return Health.down(where + ": " + e.getMessage());
        }
    }
}
