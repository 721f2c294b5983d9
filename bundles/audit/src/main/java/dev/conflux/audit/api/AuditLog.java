package dev.conflux.audit.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The audit trail (an OSGi service). Management front ends (MBeans, shell commands) record each operator action
 * with its outcome; who and from where are taken from the caller's JAAS subject.
 */
public interface AuditLog {

    /** Appends one entry for the current caller and returns it. */
    AuditEntry record(String action, String target, List<String> items, String result, String detail);

    /** The newest entries, newest first. */
    List<AuditEntry> recent(int max);

    /** The file the trail is appended to. */
    Path file();

    /** Checks the hash chain of the whole file: {@code OK: n entries} or where it is broken. */
    String verify();
}
