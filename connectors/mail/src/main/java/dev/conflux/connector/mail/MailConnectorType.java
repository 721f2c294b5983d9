package dev.conflux.connector.mail;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Connector type "mail": instances are configured in etc/conflux.connector.mail-NAME.cfg. */
@Component(service = ConnectorType.class)
public class MailConnectorType implements ConnectorType {

    static final String SMTP_HOST = "smtpHost";
    static final String SMTP_PORT = "smtpPort";
    static final String SMTP_SECURITY = "smtpSecurity";
    static final String RECEIVE_PROTOCOL = "receiveProtocol";
    static final String RECEIVE_HOST = "receiveHost";
    static final String RECEIVE_PORT = "receivePort";
    static final String RECEIVE_SECURITY = "receiveSecurity";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String FROM = "from";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final Set<String> SECURITY = Set.of("tls", "starttls", "none");

    @Override
    public String type() {
        return "mail";
    }

    @Override
    public String description() {
        return "Mail account: send over SMTP (NAME:send), poll a folder over IMAP or POP3 (NAME:INBOX)";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.optional(SMTP_HOST, Kind.TEXT, null, "SMTP server, for NAME:send"),
                ConnectorKey.optional(SMTP_PORT, Kind.PORT, "587", "SMTP port"),
                ConnectorKey.optional(SMTP_SECURITY, Kind.TEXT, "starttls", "starttls (required), tls (port 465)"
                        + " or none (only for servers on a trusted network)"),
                ConnectorKey.optional(RECEIVE_PROTOCOL, Kind.TEXT, "imap", "imap or pop3, for NAME:FOLDER"),
                ConnectorKey.optional(RECEIVE_HOST, Kind.TEXT, null, "IMAP/POP3 server, for NAME:FOLDER"),
                ConnectorKey.optional(RECEIVE_PORT, Kind.PORT, null, "IMAP/POP3 port (default: 993/995 with tls,"
                        + " 143/110 otherwise)"),
                ConnectorKey.optional(RECEIVE_SECURITY, Kind.TEXT, "tls", "tls, starttls or none"),
                ConnectorKey.required(USERNAME, Kind.TEXT, "Account to log in as (both servers)"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password of the account"),
                ConnectorKey.optional(FROM, Kind.TEXT, null, "Sender address of mails sent (default: username)"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        if (!settings.has(SMTP_HOST) && !settings.has(RECEIVE_HOST)) {
            throw new InvalidConfigurationException(SMTP_HOST, "neither smtpHost nor receiveHost is set; the instance"
                    + " needs at least one server");
        }
        for (String key : List.of(SMTP_SECURITY, RECEIVE_SECURITY)) {
            if (!SECURITY.contains(settings.text(key))) {
                throw new InvalidConfigurationException(key, "'" + settings.text(key) + "' is not one of tls,"
                        + " starttls, none");
            }
        }
        if (!Set.of("imap", "pop3").contains(settings.text(RECEIVE_PROTOCOL))) {
            throw new InvalidConfigurationException(RECEIVE_PROTOCOL, "'" + settings.text(RECEIVE_PROTOCOL)
                    + "' is not imap or pop3");
        }
        return new MailConnector(settings);
    }
}
