package dev.conflux.audit.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as an append-only JSON-lines file, keyed: each line carries {@code prev}, the link of the line
 * before it, and {@code mac}, its HMAC-SHA-256 with the audit key ({@link AuditKey}, kept outside the file), so that
 * editing or removing a line breaks the chain and nobody without the key can rewrite it ({@link AuditChain}).
 * A {@link Checkpoint} (line count and last MAC, itself MACed, in a separate owner-only file) is written every
 * {@code checkpointEvery} entries and at stop, so that a truncated or rewritten tail is found after a restart too.
 * Each entry is forced to disk before the action's caller gets its answer. The newest entries are also kept in
 * memory for the console.
 */
@Component(service = AuditLog.class, configurationPid = "conflux.audit", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FileAuditLog.Config.class)
public class FileAuditLog implements AuditLog {

    @ObjectClassDefinition(name = "Conflux audit trail", description = "Where operator actions are recorded")
    public @interface Config {
        @AttributeDefinition(description = "The audit file (default: ${karaf.data}/audit/conflux-audit.jsonl)")
        String file() default "";

        @AttributeDefinition(description = "The audit key file, generated owner-only at the first start unless"
                + " CONFLUX_AUDIT_KEY gives the key (default: ${karaf.etc}/conflux.audit.key)")
        String keyFile() default "";

        @AttributeDefinition(description = "The checkpoint file (default: ${karaf.etc}/conflux.audit.checkpoint)")
        String checkpointFile() default "";

        @AttributeDefinition(description = "Checkpoint after this many entries (and at every stop)")
        int checkpointEvery() default 1;
    }

    static final int IN_MEMORY = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AuditEntry> recent = new ArrayDeque<>();
    private Path file;
    private Path keyFile;
    private Path checkpointFile;
    private int checkpointEvery = 1;
    private AuditKey key;
    private String keyProblem;
    private Checkpoint checkpoint;
    private boolean intactAtOpen;
    private FileChannel channel;
    private String lastHash = "";
    private long lines;
    private long uncheckpointed;
    private long seq;

    public FileAuditLog() {
    }

    /** For tests: the key and checkpoint beside the file, or the key given as CONFLUX_AUDIT_KEY would give it. */
    FileAuditLog(Path file, String keyFromEnvironment, int checkpointEvery) throws IOException {
        open(file, file.resolveSibling(file.getFileName() + ".key"),
                file.resolveSibling(file.getFileName() + ".checkpoint"), keyFromEnvironment, checkpointEvery);
    }

    FileAuditLog(Path file) throws IOException {
        this(file, null, 1);
    }

    @Activate
    @Modified
    synchronized void activate(Config config) throws IOException {
        close();
        String etc = System.getProperty("karaf.etc", "etc");
        open(config.file().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "audit", "conflux-audit.jsonl")
                : Path.of(config.file()),
                config.keyFile().isBlank() ? Path.of(etc, "conflux.audit.key") : Path.of(config.keyFile()),
                config.checkpointFile().isBlank() ? Path.of(etc, "conflux.audit.checkpoint")
                        : Path.of(config.checkpointFile()),
                System.getenv(AuditKey.VARIABLE), config.checkpointEvery());
    }

    private synchronized void open(Path file, Path keyFile, Path checkpointFile, String keyFromEnvironment,
            int checkpointEvery) throws IOException {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        }
        this.file = file.toAbsolutePath();
        this.keyFile = keyFile.toAbsolutePath();
        this.checkpointFile = checkpointFile.toAbsolutePath();
        this.checkpointEvery = checkpointEvery;
        Files.createDirectories(this.file.getParent());
        recent.clear();
        lastHash = "";
        lines = 0;
        uncheckpointed = 0;
        seq = 0;
        boolean keyedLines = false;
        if (Files.isRegularFile(this.file)) {
            for (String line : Files.readAllLines(this.file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    keep(entry(read(line)));
                } catch (RuntimeException e) {
                    LOG.warn("Audit file {}: unreadable line after entry {}: {}", this.file, seq, e.getMessage());
                }
                lines++;
                keyedLines |= AuditChain.keyed(line);
                lastHash = AuditChain.link(line);
            }
        } else {
            Files.createFile(this.file);
            try {
                Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides
            }
        }
        openKey(keyFromEnvironment, keyedLines);
        channel = FileChannel.open(this.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        String state = verify();
        intactAtOpen = state.startsWith("OK");
        if (intactAtOpen) {
            writeCheckpoint();
            LOG.info("Audit trail: {} ({} entries), keyed with {}", this.file, seq, key.source());
        } else {
            // The checkpoint is kept as it is: it is the evidence.
            LOG.error("Audit trail {}: {}", this.file, state);
        }
    }

    /**
     * The key and the checkpoint. When the trail was already keyed and the key is gone, none is made up (nothing
     * could verify); a checkpoint that should exist (keyed lines, or a key file from an earlier start) and does not
     * is a finding, not a fresh start.
     */
    private void openKey(String keyFromEnvironment, boolean keyedLines) throws IOException {
        keyProblem = null;
        checkpoint = null;
        boolean checkpointed = Files.exists(checkpointFile);
        boolean keyFileExisted = Files.isRegularFile(keyFile)
                && (keyFromEnvironment == null || keyFromEnvironment.isBlank());
        key = AuditKey.load(keyFile, keyFromEnvironment, !keyedLines && !checkpointed);
        if (key == null) {
            keyProblem = "the audit key is missing: " + keyFile + " does not exist and " + AuditKey.VARIABLE
                    + " is not set (restore the key file from a backup, or set " + AuditKey.VARIABLE + ")";
            return;
        }
        if (!checkpointed && (keyedLines || keyFileExisted)) {
            keyProblem = "the checkpoint file " + checkpointFile + " is missing (entries may have been removed or"
                    + " rewritten since it was last written)";
            return;
        }
        try {
            checkpoint = Checkpoint.read(checkpointFile, key);
        } catch (IllegalStateException e) {
            keyProblem = e.getMessage();
        }
    }

    private void writeCheckpoint() throws IOException {
        if (key == null || !intactAtOpen) {
            return;
        }
        long keyedFrom = checkpoint != null ? checkpoint.keyedFrom() : lines + 1;
        checkpoint = new Checkpoint(lines, lastHash, keyedFrom, Instant.now());
        checkpoint.write(checkpointFile, key);
        uncheckpointed = 0;
    }

    @Deactivate
    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            if (uncheckpointed > 0) {
                writeCheckpoint();
            }
        }
    }

    @Override
    public synchronized AuditEntry record(Caller caller, String action, String target, List<String> items,
            String result, String detail) {
        AuditEntry entry = new AuditEntry(seq + 1, Instant.now(), caller.user() == null ? "system" : caller.user(),
                caller.from() == null ? "local" : caller.from(), action, target,
                items == null ? List.of() : List.copyOf(items), result, detail);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", entry.seq());
        fields.put("at", entry.at().toString());
        fields.put("user", entry.user());
        fields.put("from", entry.from());
        fields.put("action", entry.action());
        fields.put("target", entry.target());
        fields.put("items", entry.items());
        fields.put("result", entry.result());
        fields.put("detail", entry.detail());
        fields.put("prev", lastHash);
        String line;
        try {
            if (key == null) {
                throw new IllegalStateException("Could not write the audit trail " + file + ": " + keyProblem);
            }
            line = AuditChain.seal(JSON.writeValueAsString(fields), key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an audit entry: " + e.getOriginalMessage(), e);
        }
        try {
            if (channel == null) {
                throw new IOException("the audit trail is closed");
            }
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            lastHash = AuditChain.link(line);
            lines++;
            keep(entry);
            if (++uncheckpointed >= checkpointEvery) {
                writeCheckpoint();
            }
        } catch (IOException e) {
            // An action that cannot be recorded must not pass unnoticed.
            throw new IllegalStateException("Could not write the audit trail " + file + ": " + e.getMessage(), e);
        }
        return entry;
    }

    private void keep(AuditEntry entry) {
        seq = entry.seq();
        recent.addFirst(entry);
        if (recent.size() > IN_MEMORY) {
            recent.removeLast();
        }
    }

    @Override
    public synchronized List<AuditEntry> recent(int max) {
        List<AuditEntry> list = new ArrayList<>();
        for (Iterator<AuditEntry> it = recent.iterator(); it.hasNext() && list.size() < max; ) {
            list.add(it.next());
        }
        return list;
    }

    @Override
    public synchronized Path file() {
        return file;
    }

    @Override
    public synchronized String verify() {
        try {
            List<String> content = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    content.add(line);
                }
            }
            return AuditChain.verify(content, key, keyProblem, checkpoint, channel == null ? null : lastHash);
        } catch (IOException e) {
            return "UNREADABLE: " + e.getMessage();
        }
    }

    /** One line of the file: a JSON object. */
    static JsonNode read(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at column "
                    + e.getLocation().getColumnNr(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return node;
    }

    private static AuditEntry entry(JsonNode f) {
        List<String> items = new ArrayList<>();
        f.path("items").forEach(i -> items.add(i.asText()));
        return new AuditEntry(f.path("seq").asLong(), Instant.parse(f.path("at").asText()), text(f, "user"),
                text(f, "from"), text(f, "action"), text(f, "target"), List.copyOf(items), text(f, "result"),
                text(f, "detail"));
    }

    private static String text(JsonNode f, String field) {
        JsonNode v = f.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
