package dev.conflux.integrations.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The integrations, one JSON file each, written whole and moved into place so a crash never leaves half a file. */
final class IntegrationStore {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    IntegrationStore(Path directory) {
        this.directory = directory;
    }

    synchronized List<StoredIntegration> all() {
        List<StoredIntegration> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    all.add(JSON.readValue(f.toFile(), StoredIntegration.class));
                } catch (IOException e) {
                    LOG.warn("Cannot read the integration {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    synchronized Optional<StoredIntegration> get(String name) {
        Path f = directory.resolve(name + ".json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), StoredIntegration.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void put(StoredIntegration integration) {
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve("." + integration.name() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), integration);
            move(tmp, directory.resolve(integration.name() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void remove(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code target} through a temporary file beside it. */
    static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        move(tmp, target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
