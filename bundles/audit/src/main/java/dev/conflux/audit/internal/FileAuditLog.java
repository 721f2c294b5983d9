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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
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
 * The audit trail as an append-only JSON-lines file. Each line carries {@code prev}, the SHA-256 of the line before
 * it, so that editing or removing a line breaks the chain ({@link #verify()}). Each entry is forced to disk before
 * the action's caller gets its answer. The newest entries are also kept in memory for the console.
 */
@Component(service = AuditLog.class, configurationPid = "conflux.audit", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FileAuditLog.Config.class)
public class FileAuditLog implements AuditLog {

    @ObjectClassDefinition(name = "Conflux audit trail", description = "Where operator actions are recorded")
    public @interface Config {
        @AttributeDefinition(description = "The audit file (default: ${karaf.data}/audit/conflux-audit.jsonl)")
        String file() default "";
    }

    static final int IN_MEMORY = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AuditEntry> recent = new ArrayDeque<>();
    private Path file;
    private FileChannel channel;
    private String lastHash = "";
    private long seq;

    public FileAuditLog() {
    }

    FileAuditLog(Path file) throws IOException {
        open(file);
    }

    @Activate
    @Modified
    synchronized void activate(Config config) throws IOException {
        close();
        open(config.file().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "audit", "conflux-audit.jsonl")
                : Path.of(config.file()));
    }

    private synchronized void open(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Files.createDirectories(this.file.getParent());
        recent.clear();
        lastHash = "";
        seq = 0;
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
                lastHash = sha256(line);
            }
        } else {
            Files.createFile(this.file);
            try {
                Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides
            }
        }
        channel = FileChannel.open(this.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LOG.info("Audit trail: {} ({} entries)", this.file, seq);
    }

    @Deactivate
    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
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
            line = JSON.writeValueAsString(fields);
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
        } catch (IOException e) {
            // An action that cannot be recorded must not pass unnoticed.
            throw new IllegalStateException("Could not write the audit trail " + file + ": " + e.getMessage(), e);
        }
        lastHash = sha256(line);
        keep(entry);
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
            String prev = "";
            long n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                JsonNode fields;
                try {
                    fields = read(line);
                } catch (IllegalArgumentException e) {
                    return "BROKEN at line " + n + ": unreadable (" + e.getMessage() + ")";
                }
                if (!prev.equals(fields.path("prev").asText(null))) {
                    return "BROKEN at line " + n + " (entry " + fields.path("seq").asText()
                            + "): the line before it was changed or removed";
                }
                prev = sha256(line);
            }
            if (!prev.equals(lastHash)) {
                return "BROKEN at the end: entries after line " + n + " were removed";
            }
            return "OK: " + n + " entries, chain intact";
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

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
