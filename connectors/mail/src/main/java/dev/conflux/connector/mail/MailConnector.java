package dev.conflux.connector.mail;

import static dev.conflux.connector.mail.MailConnectorType.*;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.apache.camel.Component;

/**
 * One mail account. {@code NAME:send?to=…&subject=…} sends the body over SMTP; {@code NAME:INBOX} (any other
 * path: a folder) polls it over IMAP or POP3. Servers, credentials and TLS come from the instance.
 */
final class MailConnector implements Connector {

    private final ConnectorSettings settings;

    MailConnector(ConnectorSettings settings) {
        this.settings = settings;
    }

    /** smtp, smtps, imap, imaps, pop3 or pop3s. */
    String protocol(boolean send) {
        String base = send ? "smtp" : settings.text(RECEIVE_PROTOCOL);
        return base + ("tls".equals(settings.text(send ? SMTP_SECURITY : RECEIVE_SECURITY)) ? "s" : "");
    }

    String host(boolean send) {
        return settings.text(send ? SMTP_HOST : RECEIVE_HOST);
    }

    int port(boolean send) {
        if (send) {
            return settings.integer(SMTP_PORT);
        }
        if (settings.has(RECEIVE_PORT)) {
            return settings.integer(RECEIVE_PORT);
        }
        boolean tls = "tls".equals(settings.text(RECEIVE_SECURITY));
        return "imap".equals(settings.text(RECEIVE_PROTOCOL)) ? (tls ? 993 : 143) : (tls ? 995 : 110);
    }

    /** STARTTLS, when asked for, is required: never a silent fall-back to clear text. */
    Properties javaMailProperties(boolean send) {
        Properties p = new Properties();
        String proto = protocol(send);
        if ("starttls".equals(settings.text(send ? SMTP_SECURITY : RECEIVE_SECURITY))) {
            p.setProperty("mail." + proto + ".starttls.enable", "true");
            p.setProperty("mail." + proto + ".starttls.required", "true");
        }
        String timeout = String.valueOf(settings.millis(CONNECT_TIMEOUT));
        p.setProperty("mail." + proto + ".connectiontimeout", timeout);
        p.setProperty("mail." + proto + ".timeout", timeout);
        return p;
    }

    @Override
    public Component createComponent() {
        return new MailInstanceComponent(this, settings);
    }

    @Override
    public Health check() {
        List<String> up = new ArrayList<>();
        for (boolean send : new boolean[] {true, false}) {
            if (!settings.has(send ? SMTP_HOST : RECEIVE_HOST)) {
                continue;
            }
            String where = protocol(send) + "://" + host(send) + ":" + port(send);
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            // Jakarta Mail finds its protocol providers through the context class loader: the runtime's.
            Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
            try {
                Properties props = javaMailProperties(send);
                props.setProperty("mail." + protocol(send) + ".auth", "true");
                Session session = Session.getInstance(props);
                Service service = send ? session.getTransport(protocol(send)) : session.getStore(protocol(send));
                service.connect(host(send), port(send), settings.text(USERNAME), settings.secret(PASSWORD));
                service.close();
                up.add(where);
            } catch (AuthenticationFailedException e) {
                return Health.down("authentication failed for " + settings.text(USERNAME) + " at " + where);
            } catch (MessagingException e) {
                return Health.down(reason(e, where));
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
        return Health.up(String.join(", ", up));
    }

    private static String reason(MessagingException e, String where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "host unreachable: connection refused by " + where;
            }
            if (t instanceof UnknownHostException) {
                return "unknown host in " + where;
            }
            if (t instanceof SocketTimeoutException) {
                return "host unreachable: no answer from " + where;
            }
            if (t instanceof SSLException) {
                return "TLS error with " + where + ": " + t.getMessage();
            }
        }
        return where + ": " + e.getMessage();
    }
}
