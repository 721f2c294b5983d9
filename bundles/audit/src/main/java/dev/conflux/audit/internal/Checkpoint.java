package dev.conflux.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the audit file held when it was last checkpointed: how many lines, the chain link (MAC) of the last one, and
 * the line the keyed chain starts at, MACed with the audit key and kept in a separate owner-only file. A truncated
 * file, or a tail rewritten without the key, no longer matches it, also after a restart.
 */
record Checkpoint(long entries, String link, long keyedFrom, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String signed() {
        return "conflux-audit-checkpoint\n" + entries + "\n" + link + "\n" + keyedFrom + "\n" + at;
    }

    /** The checkpoint in {@code file}, null if there is none; a checkpoint whose MAC does not match is refused. */
    static Checkpoint read(Path file, AuditKey key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode f;
        Checkpoint cp;
        try {
            f = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            cp = new Checkpoint(f.path("entries").asLong(-1), f.path("link").asText(""),
                    f.path("keyedFrom").asLong(-1), Instant.parse(f.path("at").asText()));
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException("the checkpoint file " + file + " is unreadable");
        }
        if (!key.mac(cp.signed()).equals(f.path("mac").asText())) {
            throw new IllegalStateException("the checkpoint file " + file + " was changed (its MAC does not match)");
        }
        return cp;
    }

    /** Replaces the checkpoint file (written beside it, then moved into place, owner-only). */
    void write(Path file, AuditKey key) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("entries", entries);
        fields.put("link", link);
        fields.put("keyedFrom", keyedFrom);
        fields.put("at", at.toString());
        fields.put("mac", key.mac(signed()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(fields) + "\n", StandardCharsets.UTF_8);
        AuditKey.ownerOnly(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
