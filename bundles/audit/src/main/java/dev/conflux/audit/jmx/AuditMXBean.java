package dev.conflux.audit.jmx;

/**
 * The audit trail over JMX, as {@code conflux:type=audit}: read-only, for the console's Audit page and scripts.
 */
public interface AuditMXBean {

    /** The audit file on the server. */
    String getFile();

    /** The newest entries, newest first (at most {@code max}). */
    AuditEntryView[] entries(int max);

    /** The whole audit file (JSON lines), for the console's export. */
    String export();

    /** Checks that no line of the file was changed or removed. */
    String verify();
}
