package dev.conflux.connector.sftp;

import static dev.conflux.connector.sftp.SftpConnectorType.*;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Component;

/**
 * One SFTP account. A flow's {@code NAME:outbox?options} is the directory {@code <directory>/outbox} on the
 * server; host, credentials and host key checking come from the instance, never from the flow's URI.
 */
final class SftpConnector implements Connector {

    private final ConnectorSettings settings;
    private final String host;
    private final int port;

    SftpConnector(ConnectorSettings settings) {
        this.settings = settings;
        this.host = settings.text(HOST);
        this.port = settings.integer(PORT);
    }

    @Override
    public Component createComponent() {
        return new SftpInstanceComponent(settings);
    }

    static String join(String base, String remaining) {
        String a = strip(base);
        String b = strip(remaining);
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    private static String strip(String p) {
        String s = p == null ? "" : p.trim();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public Health check() {
        String where = settings.text(USERNAME) + "@" + host + ":" + port;
        Session session = null;
        ChannelSftp channel = null;
        try {
            JSch jsch = new JSch();
            Path knownHosts = settings.has(KNOWN_HOSTS) ? settings.path(KNOWN_HOSTS)
                    : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
            if (Files.isReadable(knownHosts)) {
                jsch.setKnownHosts(knownHosts.toString());
            } else if (settings.has(KNOWN_HOSTS)) {
                return Health.down("known hosts file " + knownHosts + " cannot be read");
            }
            if (settings.has(PRIVATE_KEY)) {
                String passphrase = settings.secret(PASSPHRASE);
                jsch.addIdentity(settings.text(PRIVATE_KEY),
                        passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8));
            }
            session = jsch.getSession(settings.text(USERNAME), host, port);
            if (settings.has(PASSWORD)) {
                session.setPassword(settings.secret(PASSWORD));
            }
            session.setConfig("StrictHostKeyChecking", settings.bool(STRICT) ? "yes" : "no");
            session.setTimeout((int) settings.millis(TIMEOUT));
            session.connect((int) settings.millis(CONNECT_TIMEOUT));
            channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect((int) settings.millis(CONNECT_TIMEOUT));
            String dir = strip(settings.text(DIRECTORY));
            if (!dir.isEmpty()) {
                try {
                    if (!channel.stat(dir).isDir()) {
                        return Health.down("'" + dir + "' on " + where + " is not a directory");
                    }
                } catch (SftpException e) {
                    return Health.down(e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE
                            ? "directory '" + dir + "' does not exist on " + where
                            : e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED
                                    ? "no permission to read directory '" + dir + "' on " + where
                                    : "directory '" + dir + "' on " + where + ": " + e.getMessage());
                }
            }
            return Health.up(where + (dir.isEmpty() ? "" : "/" + dir));
        } catch (JSchException e) {
            return Health.down(reason(e, where));
        } catch (RuntimeException e) {
            return Health.down(where + ": " + e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
            if (session != null) {
                session.disconnect();
            }
        }
    }

    private String reason(JSchException e, String where) {
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        if (cause instanceof ConnectException) {
            return "host unreachable: connection refused by " + host + ":" + port;
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host '" + host + "'";
        }
        if (cause instanceof NoRouteToHostException) {
            return "host unreachable: no route to " + host + ":" + port;
        }
        if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
            return "host unreachable: no answer from " + host + ":" + port + " within "
                    + settings.text(CONNECT_TIMEOUT);
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return "authentication failed for " + where;
        }
        if (message.contains("UnknownHostKey") || message.contains("reject HostKey")
                || message.contains("HostKey has been changed")) {
            return "host key rejected: the key of " + host + ":" + port + " is not the one in the known hosts file"
                    + (settings.has(KNOWN_HOSTS) ? " " + settings.text(KNOWN_HOSTS) : "") + " (" + message + ")";
        }
        if (message.contains("invalid privatekey") || message.contains("USERAUTH fail")) {
            return "private key " + settings.text(PRIVATE_KEY) + " cannot be used: " + message;
        }
        return where + ": " + message;
    }
}
