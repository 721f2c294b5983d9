package dev.conflux.connector.sftp;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.FileHandOver;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Connector type "sftp": instances are configured in etc/conflux.connector.sftp-NAME.cfg. */
@Component(service = ConnectorType.class)
public class SftpConnectorType implements ConnectorType {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PRIVATE_KEY = "privateKeyFile";
    static final String PASSPHRASE = "privateKeyPassphrase";
    static final String KNOWN_HOSTS = "knownHostsFile";
    static final String STRICT = "strictHostKeyChecking";
    static final String DIRECTORY = "directory";
    static final String DONE = "doneDirectory";
    static final String ERROR = "errorDirectory";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String TIMEOUT = "timeout";

    @Override
    public String type() {
        return "sftp";
    }

    @Override
    public String description() {
        return "SSH/SFTP server: poll a directory (moved to done/error folders) and upload files";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(HOST, Kind.TEXT, "Host name or address of the SFTP server"),
                ConnectorKey.optional(PORT, Kind.PORT, "22", "SSH port"),
                ConnectorKey.required(USERNAME, Kind.TEXT, "User to log in as"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password (or use privateKeyFile)"),
                ConnectorKey.optional(PRIVATE_KEY, Kind.PATH, null, "Private key file (OpenSSH or PEM format)"),
                ConnectorKey.optional(PASSPHRASE, Kind.SECRET, null, "Passphrase of the private key"),
                ConnectorKey.optional(KNOWN_HOSTS, Kind.PATH, null, "known_hosts file holding the server's host"
                        + " key (default: ~/.ssh/known_hosts of the Conflux user)"),
                ConnectorKey.optional(STRICT, Kind.BOOLEAN, "true", "Refuse servers whose host key is not in the"
                        + " known hosts file. Turn off only for throw-away test servers"),
                ConnectorKey.optional(DIRECTORY, Kind.TEXT, "", "Base directory on the server, relative to the"
                        + " login directory; a flow's path (NAME:outbox) is relative to it"),
                ConnectorKey.optional(DONE, Kind.TEXT, ".done", "Where read files are moved after success"),
                ConnectorKey.optional(ERROR, Kind.TEXT, ".error", "Where read files are moved when the flow fails"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect"),
                ConnectorKey.optional(TIMEOUT, Kind.DURATION, "30s", "Longest wait for the server to answer"),
                FileHandOver.key());
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        if (!settings.has(PASSWORD) && !settings.has(PRIVATE_KEY)) {
            throw new InvalidConfigurationException(PASSWORD, "neither password nor privateKeyFile is set; one of"
                    + " them is needed to log in");
        }
        FileHandOver.check(settings);
        return new SftpConnector(settings);
    }
}
