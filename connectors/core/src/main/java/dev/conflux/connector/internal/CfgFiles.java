package dev.conflux.connector.internal;

import dev.conflux.connector.api.ConnectorKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes and deletes instances' cfg files, {@code etc/conflux.connector.<type>-<name>.cfg}: what
 * {@code conflux:connector-create} and {@code -delete} do, the same as an operator dropping or deleting the file
 * (FileInstall and Config Admin do the rest).
 */
final class CfgFiles {

    private final Path etc;
    private final UnaryOperator<String> encrypt;

    CfgFiles(Path etc, UnaryOperator<String> encrypt) {
        this.etc = etc;
        this.encrypt = encrypt;
    }

    /**
     * Writes the file, secret values encrypted, atomically (FileInstall never reads half of it).
     *
     * @param keys every key of the type, the common ones first
     * @param existing the instance already holding the name, if any: refused
     */
    Path create(String type, String name, Map<String, String> values, List<ConnectorKey> keys,
            Optional<String> existing) throws IOException {
        if (!ConfigChecker.VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid instance name: lower-case letters,"
                    + " digits and '-', starting with a letter ('_' is not allowed in URI schemes)");
        }
        if (existing.isPresent()) {
            throw new IllegalArgumentException("connector instance '" + name + "' already exists (" + existing.get()
                    + ")");
        }
        Map<String, String> stored = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            boolean secret = keys.stream().anyMatch(k -> k.name().equals(e.getKey()) && k.secret());
            stored.put(e.getKey(), secret && !SecretCodec.isEncrypted(e.getValue())
                    ? encrypt.apply(e.getValue()) : e.getValue());
        }
        List<String> problems = new ArrayList<>();
        ConfigChecker.check(keys.subList(ConfigChecker.COMMON_KEYS.size(), keys.size()), stored, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Path file = etc.resolve(ConnectorRegistry.FACTORY_PREFIX + type + "-" + name + ".cfg");
        StringBuilder text = new StringBuilder("# Connector instance '" + name + "' (" + type + "), made by"
                + " conflux:connector-create on " + Instant.now() + "\n");
        stored.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path tmp = etc.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Deletes the instance's cfg file; empty when it has none (a configuration made another way). */
    Optional<Path> delete(InstanceRecord instance) throws IOException {
        if (instance.source().startsWith(ConnectorRegistry.NOT_A_FILE)) {
            return Optional.empty();
        }
        Path file = Path.of(instance.source());
        return Files.deleteIfExists(file) ? Optional.of(file) : Optional.empty();
    }
}
