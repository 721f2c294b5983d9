package dev.conflux.audit.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The audit trail (an OSGi service). Operator actions are recorded through {@link Audited}, which takes the caller
 * on the calling thread and records each action with its outcome.
 */
public interface AuditLog {

    /** Appends one entry for the given caller and returns it. */
    AuditEntry record(Caller caller, String action, String target, List<String> items, String result, String detail);

    /** The newest entries, newest first. */
    List<AuditEntry> recent(int max);

    /** The file the trail is appended to. */
    Path file();

    /**
     * Checks the keyed (HMAC-SHA-256) chain of the whole file against the audit key and the last checkpoint:
     * {@code OK: n entries, chain intact …} (saying where the keyed chain starts if older unkeyed entries precede
     * it), {@code BROKEN at …} naming the first line that was changed, removed or cut off, or {@code UNVERIFIABLE: …}
     * when the key or checkpoint is missing or changed.
     */
    String verify();
}
