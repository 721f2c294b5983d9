package dev.conflux.tracing.api;

import java.time.Instant;

/**
 * The state of the trace store.
 *
 * @param enabled        whether hops are recorded
 * @param store          {@code embedded (H2, <file>)} or {@code postgresql (<jdbc url without credentials>)}
 * @param events         hop events stored
 * @param bytes          the store's size on disk (embedded) or the table's size (PostgreSQL), or -1
 * @param oldest         the oldest stored hop's time, or null
 * @param buffered       events waiting in the buffer
 * @param bufferCapacity the buffer's size
 * @param dropped        events dropped since start because the buffer was full
 * @param lastError      the store's last write error, or null
 */
public record TraceStats(boolean enabled, String store, long events, long bytes, Instant oldest, int buffered,
        int bufferCapacity, long dropped, String lastError) {
}
