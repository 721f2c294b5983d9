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

    /** Checks the hash chain of the whole file: {@code OK: n entries} or where it is broken. */
    String verify();
}
