package dev.conflux.connector.file;

import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.FileHandOver;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * A file instance's component, one per flow: a flow's path is below the instance's directory and may not leave
 * it; reads move files to the done and error folders; writes hand files over atomically ({@link FileHandOver}).
 * Named and annotated with its scheme so that Camel finds the generated configurers that bind URI options.
 */
@Component("file")
final class FileInstanceComponent extends FileComponent {

    private final ConnectorSettings settings;
    private final Path base;

    FileInstanceComponent(ConnectorSettings settings, Path base) {
        this.settings = settings;
        this.base = base;
    }

    @Override
    protected GenericFileEndpoint<File> createEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        String path = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        Path dir = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!dir.startsWith(base)) {
            throw new IllegalArgumentException("'" + remaining + "' leaves the directory " + base
                    + " of connector '" + settings.name() + "'");
        }
        parameters.putIfAbsent("move", settings.text(FileConnectorType.DONE) + "/${file:name}");
        parameters.putIfAbsent("moveFailed", settings.text(FileConnectorType.ERROR) + "/${file:name}");
        parameters.putIfAbsent("autoCreate", settings.text(FileConnectorType.CREATE));
        parameters.putIfAbsent("readLock", settings.text(FileConnectorType.READ_LOCK));
        settings.optional(FileConnectorType.CHARSET).ifPresent(c -> parameters.putIfAbsent("charset", c));
        FileHandOver.apply(settings, parameters);
        return super.createEndpoint(uri, dir.toString(), parameters);
    }
}
