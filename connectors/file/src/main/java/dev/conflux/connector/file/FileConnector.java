package dev.conflux.connector.file;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Component;

/** One directory. A flow's {@code NAME:sub/dir?options} reads or writes {@code <directory>/sub/dir}. */
final class FileConnector implements Connector {

    private final ConnectorSettings settings;
    private final Path base;

    FileConnector(ConnectorSettings settings) {
        this.settings = settings;
        this.base = settings.path(FileConnectorType.DIRECTORY).toAbsolutePath().normalize();
    }

    @Override
    public Component createComponent() {
        return new FileInstanceComponent(settings, base);
    }

    @Override
    public Health check() {
        try {
            if (!Files.exists(base) && settings.bool(FileConnectorType.CREATE)) {
                Files.createDirectories(base);
            }
        } catch (IOException e) {
            return Health.down("directory " + base + " cannot be created: " + e);
        }
        if (!Files.isDirectory(base)) {
            return Health.down("directory " + base + " does not exist");
        }
        if (!Files.isReadable(base) || !Files.isWritable(base)) {
            return Health.down("directory " + base + " is not readable and writable by the Conflux process");
        }
        try {
            long free = Files.getFileStore(base).getUsableSpace();
            return Health.up(base + ", " + (free >> 20) + " MiB free");
        } catch (IOException e) {
            return Health.down("directory " + base + ": " + e.getMessage());
        }
    }
}
