package dev.conflux.connector.sftp;

import static dev.conflux.connector.sftp.SftpConnectorType.*;

import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.FileHandOver;
import java.net.URI;
import java.util.Map;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.annotations.Component;

/**
 * An sftp instance's component, one per flow: host, credentials and host key checking come from the instance,
 * the flow's path is below the instance's directory; uploads hand files over atomically ({@link FileHandOver}).
 * Named and annotated with its scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("sftp")
final class SftpInstanceComponent extends SftpComponent {

    private final ConnectorSettings settings;

    SftpInstanceComponent(ConnectorSettings settings) {
        this.settings = settings;
    }

    @Override
    protected GenericFileEndpoint<SftpRemoteFile> buildFileEndpoint(String uri, String remaining,
            Map<String, Object> parameters) throws Exception {
        String host = settings.text(HOST);
        int port = settings.integer(PORT);
        String path = SftpConnector.join(settings.text(DIRECTORY), remaining);
        SftpConfiguration config = new SftpConfiguration(new URI("sftp", null, host, port, "/" + path, null, null));
        config.setDirectory(path);
        config.setUsername(settings.text(USERNAME));
        if (settings.has(PASSWORD)) {
            config.setPassword(settings.secret(PASSWORD));
        }
        if (settings.has(PRIVATE_KEY)) {
            config.setPrivateKeyFile(settings.text(PRIVATE_KEY));
            if (settings.has(PASSPHRASE)) {
                config.setPrivateKeyPassphrase(settings.secret(PASSPHRASE));
            }
        }
        if (settings.has(KNOWN_HOSTS)) {
            config.setKnownHostsFile(settings.text(KNOWN_HOSTS));
        }
        config.setStrictHostKeyChecking(settings.bool(STRICT) ? "yes" : "no");
        config.setConnectTimeout((int) settings.millis(CONNECT_TIMEOUT));
        config.setTimeout((int) settings.millis(TIMEOUT));
        parameters.putIfAbsent("move", settings.text(DONE) + "/${file:name}");
        parameters.putIfAbsent("moveFailed", settings.text(ERROR) + "/${file:name}");
        FileHandOver.apply(settings, parameters);
        return new SftpEndpoint(uri, this, config);
    }
}
