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

    /** Checks the keyed chain and the last checkpoint: no line of the file changed, removed or cut off. */
    String verify();
}
