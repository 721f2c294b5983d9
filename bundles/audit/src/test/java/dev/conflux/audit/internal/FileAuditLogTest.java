package dev.conflux.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.Caller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileAuditLogTest {

    private static final Caller SYSTEM = new Caller(null, null);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void entriesSurviveARestartInOrderWithTheirItems() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("audit/a.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        log.record(SYSTEM, "deadletter.retry", "DLQ.orders", List.of("ID:1", "ID:\"2\""), AuditEntry.OK, "2 retried");
        log.record(SYSTEM, "queue.purge", "orders", List.of(), AuditEntry.FAILED, "line1\nline2");
        log.close();

        FileAuditLog reopened = new FileAuditLog(file);
        List<AuditEntry> recent = reopened.recent(10);
        assertEquals(2, recent.size());
        assertEquals("queue.purge", recent.get(0).action());
        assertEquals("line1\nline2", recent.get(0).detail());
        assertEquals(List.of("ID:1", "ID:\"2\""), recent.get(1).items());
        assertEquals("system", recent.get(1).user());
        AuditEntry third = reopened.record(SYSTEM, "flow.stop", "orders", null, AuditEntry.OK, null);
        assertEquals(3, third.seq());
        assertTrue(reopened.verify(), reopened.verify().startsWith("OK: 3 entries"));
    }

    @Test
    public void anEditedOrRemovedLineIsDetected() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("b.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        for (int i = 0; i < 4; i++) {
            log.record(SYSTEM, "deadletter.discard", "DLQ.q", List.of("ID:" + i), AuditEntry.OK, "reason " + i);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("reason 1", "reason x"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at line 2 (entry 2): the line was changed"));

        lines = new ArrayList<>(lines);
        lines.set(1, lines.get(1).replace("reason x", "reason 1"));
        lines.remove(3);
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at the end"));
    }

    @Test
    public void linesOfTheEarlierHandWrittenFormatReadBackAndTheirChainVerifies() throws Exception {
        // Exactly as the audit bundle wrote them before it used Jackson (lower-case unicode escapes, escaped quotes).
        String first = "{\"seq\":1,\"at\":\"2026-11-30T10:15:30.123Z\",\"user\":\"ops1\","
                + "\"from\":\"hawtio(127.0.0.1:51234)\",\"action\":\"deadletter.retry\",\"target\":\"DLQ.orders\","
                + "\"items\":[\"4711\",\"ID:\\\"2\\\"\"],\"result\":\"OK\",\"detail\":\"tab\\there\\nbell\\u0007\","
                + "\"prev\":\"\"}";
        String second = "{\"seq\":2,\"at\":\"2026-11-30T10:16:00Z\",\"user\":\"admin\",\"from\":\"ssh(/127.0.0.1:40022)\","
                + "\"action\":\"queue.purge\",\"target\":\"orders\",\"items\":[],\"result\":\"FAILED\",\"detail\":null,"
                + "\"prev\":\"" + AuditChain.sha256(first) + "\"}";
        Path file = tmp.getRoot().toPath().resolve("old.jsonl");
        Files.write(file, List.of(first, second), StandardCharsets.UTF_8);

        FileAuditLog log = new FileAuditLog(file);
        assertTrue(log.verify(), log.verify().startsWith("OK: 2 entries"));
        List<AuditEntry> recent = log.recent(10);
        AuditEntry retry = recent.get(1);
        assertEquals(1, retry.seq());
        assertEquals("ops1", retry.user());
        assertEquals("hawtio(127.0.0.1:51234)", retry.from());
        assertEquals(List.of("4711", "ID:\"2\""), retry.items());
        assertEquals("tab\there\nbell\u0007", retry.detail());
        assertEquals("2026-11-30T10:15:30.123Z", retry.at().toString());
        assertEquals(null, recent.get(0).detail());
        assertEquals(List.of(), recent.get(0).items());

        AuditEntry third = log.record(new Caller("ops2", "hawtio(127.0.0.1:1)"), "flow.stop", "orders", List.of(),
                AuditEntry.OK, "quote \" and control \u0001");
        assertEquals(3, third.seq());
        assertTrue(log.verify(), log.verify().startsWith("OK: 3 entries, chain intact"));
        log.close();
        FileAuditLog reopened = new FileAuditLog(file);
        assertEquals("quote \" and control \u0001", reopened.recent(1).get(0).detail());
        assertEquals("ops2", reopened.recent(1).get(0).user());
    }

    @Test
    public void anUnreadableLineIsReportedWithItsLineNumber() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("c.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        log.record(SYSTEM, "queue.pause", "q", List.of(), AuditEntry.OK, "paused");
        Files.writeString(file, "{\"seq\":2,\"at\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at line 2: unreadable"));
    }
}
