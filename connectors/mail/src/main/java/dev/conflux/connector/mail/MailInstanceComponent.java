package dev.conflux.connector.mail;

import static dev.conflux.connector.mail.MailConnectorType.*;

import dev.conflux.connector.api.ConnectorSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * A mail instance's component, one per flow: {@code send} goes to the SMTP server, any other path is a folder on
 * the IMAP or POP3 server; servers, credentials and TLS come from the instance. Named and annotated with its
 * scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("imap")
final class MailInstanceComponent extends MailComponent {

    private final MailConnector connector;
    private final ConnectorSettings settings;

    MailInstanceComponent(MailConnector connector, ConnectorSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        String path = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        boolean send = "send".equals(path);
        if (send ? !settings.has(SMTP_HOST) : !settings.has(RECEIVE_HOST)) {
            throw new IllegalArgumentException("connector '" + settings.name() + "' has no "
                    + (send ? "smtpHost: it cannot send" : "receiveHost: it cannot read folder '" + path + "'"));
        }
        if (!send) {
            parameters.putIfAbsent("folderName", path.isEmpty() ? "INBOX" : path);
        }
        String target = connector.protocol(send) + "://" + connector.host(send) + ":" + connector.port(send);
        MailEndpoint endpoint = (MailEndpoint) super.createEndpoint(target, target, parameters);
        MailConfiguration config = endpoint.getConfiguration();
        config.setUsername(settings.text(USERNAME));
        if (settings.has(PASSWORD)) {
            config.setPassword(settings.secret(PASSWORD));
        }
        if (send && (config.getFrom() == null || "camel@localhost".equals(config.getFrom()))) {
            config.setFrom(settings.optional(FROM).orElse(settings.text(USERNAME)));
        }
        config.setConnectionTimeout((int) settings.millis(CONNECT_TIMEOUT));
        Properties extra = connector.javaMailProperties(send);
        if (config.getAdditionalJavaMailProperties() != null) {
            extra.putAll(config.getAdditionalJavaMailProperties());
        }
        config.setAdditionalJavaMailProperties(extra);
        return endpoint;
    }
}
