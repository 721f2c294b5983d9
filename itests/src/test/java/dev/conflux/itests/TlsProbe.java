package dev.conflux.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;

/**
 * A TLS handshake as an outside client makes it: {@code openssl s_client} restricted to one protocol version (the
 * JDK's own client refuses TLS 1.1 by itself, so it could not show that a server refuses it). OpenSSL 3 allows TLS
 * 1.0/1.1 only at security level 0, so the probe asks for that: a server that still speaks TLS 1.1 is then found.
 */
final class TlsProbe {

    record Handshake(boolean established, String output) {
    }

    private TlsProbe() {
    }

    /** {@code version}: {@code tls1_1}, {@code tls1_2}, {@code tls1_3}. */
    static Handshake handshake(int port, String version) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-" + version, "-servername", "localhost"));
        if (!version.equals("tls1_3")) {
            command.addAll(List.of("-cipher", "DEFAULT@SECLEVEL=0"));
        }
        return run(command);
    }

    static Handshake run(List<String> command) throws Exception {
        File output = File.createTempFile("openssl", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output)
                    .redirectInput(new File("/dev/null")).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within 30 s");
            }
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            // s_client exits 0 once a session is established (then reads EOF from stdin); a handshake failure is 1.
            boolean established = p.exitValue() == 0 && !text.contains("Cipher is (NONE)")
                    && !text.contains(":error:");
            return new Handshake(established, text);
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    /**
     * Whether the port answers the opening of a plaintext JMX (RMI/JRMP) connection: magic, version 2, stream
     * protocol; a plaintext RMI server acknowledges it with {@code 0x4e}.
     */
    static boolean answersPlainJrmp(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] {'J', 'R', 'M', 'I', 0, 2, 0x4b});
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == 0x4e;
        } catch (SocketException | SocketTimeoutException closedOrSilent) {
            return false;
        }
    }

    /**
     * Java's own JMX client logging into Karaf's RMI connector, trusting what {@code trust} trusts (the connector's
     * stub makes the client use TLS through the JVM's default SSL context, set here for the call). The JDK keeps
     * the first default it used for RMI over TLS for the rest of the JVM's life, so call this once per JVM.
     */
    static Object jmxRead(int registryPort, int serverPort, String user, String password, SSLContext trust,
            String mbean, String attribute) throws Exception {
        SSLContext previous = SSLContext.getDefault();
        SSLContext.setDefault(trust);
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + serverPort + "/jndi/rmi://127.0.0.1:"
                    + registryPort + "/karaf-root");
            try (JMXConnector jmx = JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}))) {
                return jmx.getMBeanServerConnection().getAttribute(new ObjectName(mbean), attribute);
            }
        } finally {
            SSLContext.setDefault(previous);
        }
    }

    /**
     * A server that does speak TLS 1.1 ({@code openssl s_server}, a throw-away key): shows the probe finds one.
     * The caller stops the process.
     */
    static Process tls11Server(Path dir, int port) throws Exception {
        Path key = dir.resolve("tls11-key.pem");
        Path cert = dir.resolve("tls11-cert.pem");
        Handshake made = run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-days", "1", "-keyout", key.toString(), "-out", cert.toString()));
        if (!Files.isRegularFile(cert)) {
            throw new AssertionError("could not make a test certificate: " + made.output());
        }
        return new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-key", key.toString(),
                "-cert", cert.toString(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-naccept", "1", "-www")
                .redirectErrorStream(true).redirectOutput(dir.resolve("tls11-server.out").toFile())
                .redirectInput(new File("/dev/null")).start();
    }
}
