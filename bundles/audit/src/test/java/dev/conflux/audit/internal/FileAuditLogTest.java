package dev.conflux.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.audit.api.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileAuditLogTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void entriesSurviveARestartInOrderWithTheirItems() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("audit/a.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        log.record("deadletter.retry", "DLQ.orders", List.of("ID:1", "ID:\"2\""), AuditEntry.OK, "2 retried");
        log.record("queue.purge", "orders", List.of(), AuditEntry.FAILED, "line1\nline2");
        log.close();

        FileAuditLog reopened = new FileAuditLog(file);
        List<AuditEntry> recent = reopened.recent(10);
        assertEquals(2, recent.size());
        assertEquals("queue.purge", recent.get(0).action());
        assertEquals("line1\nline2", recent.get(0).detail());
        assertEquals(List.of("ID:1", "ID:\"2\""), recent.get(1).items());
        assertEquals("system", recent.get(1).user());
        AuditEntry third = reopened.record("flow.stop", "orders", null, AuditEntry.OK, null);
        assertEquals(3, third.seq());
        assertTrue(reopened.verify(), reopened.verify().startsWith("OK: 3 entries"));
    }

    @Test
    public void anEditedOrRemovedLineIsDetected() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("b.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        for (int i = 0; i < 4; i++) {
            log.record("deadletter.discard", "DLQ.q", List.of("ID:" + i), AuditEntry.OK, "reason " + i);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("reason 1", "reason x"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at line 3"));

        lines = new ArrayList<>(lines);
        lines.set(1, lines.get(1).replace("reason x", "reason 1"));
        lines.remove(3);
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at the end"));
    }
}
