package dev.conflux.connector.file;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.FileHandOver;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Connector type "file": instances are configured in etc/conflux.connector.file-NAME.cfg. */
@Component(service = ConnectorType.class)
public class FileConnectorType implements ConnectorType {

    static final String DIRECTORY = "directory";
    static final String DONE = "doneDirectory";
    static final String ERROR = "errorDirectory";
    static final String CREATE = "createDirectories";
    static final String READ_LOCK = "readLock";
    static final String CHARSET = "charset";

    @Override
    public String type() {
        return "file";
    }

    @Override
    public String description() {
        return "Local or mounted directory: read files (moved to done/error folders) and write files";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(DIRECTORY, Kind.PATH, "Base directory; a flow's path (NAME:in/orders) is"
                        + " relative to it and may not leave it"),
                ConnectorKey.optional(DONE, Kind.TEXT, ".done", "Where read files are moved after success,"
                        + " relative to the directory read (or absolute)"),
                ConnectorKey.optional(ERROR, Kind.TEXT, ".error", "Where read files are moved when the flow"
                        + " fails, relative to the directory read (or absolute)"),
                ConnectorKey.optional(CREATE, Kind.BOOLEAN, "true", "Create missing directories"),
                ConnectorKey.optional(READ_LOCK, Kind.TEXT, "changed", "How to tell a file is completely"
                        + " written before reading it: changed (size and date stable), rename, markerFile, none"),
                ConnectorKey.optional(CHARSET, Kind.TEXT, null, "Character set of the files, e.g. UTF-8"),
                FileHandOver.key());
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        FileHandOver.check(settings);
        return new FileConnector(settings);
    }
}
