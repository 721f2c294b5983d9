package dev.conflux.audit.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.Caller;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What someone who can write the audit file, but not read the key, can no longer hide. */
public class AuditChainTamperingTest {

    private static final Caller OPS = new Caller("ops1", "hawtio(127.0.0.1:1)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file;

    private FileAuditLog trailOf(int entries) throws Exception {
        file = tmp.getRoot().toPath().resolve("audit/conflux-audit.jsonl");
        FileAuditLog log = new FileAuditLog(file);
        for (int i = 1; i <= entries; i++) {
            log.record(OPS, "deadletter.discard", "DLQ.orders", List.of("ID:" + i), AuditEntry.OK, "reason " + i);
        }
        return log;
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Rewrites line {@code from} (1-based) and relinks every later line as an unkeyed SHA-256 chain would. */
    private void rewriteFrom(int from, boolean keepMacField) throws Exception {
        List<String> lines = lines();
        String prev = from == 1 ? "" : AuditChain.link(lines.get(from - 2));
        for (int i = from - 1; i < lines.size(); i++) {
            ObjectNode f = (ObjectNode) JSON.readTree(lines.get(i));
            if (i == from - 1) {
                f.put("detail", "nothing happened here");
            }
            f.put("prev", prev);
            if (keepMacField) {
                f.put("mac", AuditChain.sha256(f.toString()));
            } else {
                f.remove("mac");
            }
            lines.set(i, JSON.writeValueAsString(f));
            prev = AuditChain.link(lines.get(i));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    public void everyLineIsKeyedAndTheKeyAndCheckpointAreOwnerOnlyFilesOutsideTheTrail() throws Exception {
        FileAuditLog log = trailOf(3);
        assertTrue(lines().stream().allMatch(AuditChain::keyed));
        assertEquals("OK: 3 entries, chain intact (HMAC-SHA-256, keyed); checkpoint of 3 entries",
                log.verify().substring(0, log.verify().indexOf(" at ")));
        Path key = file.resolveSibling("conflux-audit.jsonl.key");
        Path checkpoint = file.resolveSibling("conflux-audit.jsonl.checkpoint");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpoint)));
        assertFalse("the key is not in the trail", Files.readString(file).contains(Files.readString(key).strip()));
    }

    @Test
    public void aLineRewrittenWithEveryFollowingHashRecomputedFailsAlsoAfterARestart() throws Exception {
        FileAuditLog log = trailOf(5);
        rewriteFrom(3, true);
        assertTrue(log.verify(), log.verify().startsWith("BROKEN at line 3 (entry 3): the line was changed"));
        log.close();
        FileAuditLog restarted = new FileAuditLog(file);
        assertTrue(restarted.verify(), restarted.verify().startsWith("BROKEN at line 3 (entry 3)"));
        // New actions are still recorded, and the finding stays.
        restarted.record(OPS, "queue.purge", "orders", List.of(), AuditEntry.OK, null);
        assertEquals(6, lines().size());
        assertTrue(restarted.verify(), restarted.verify().startsWith("BROKEN at line 3 (entry 3)"));
    }

    @Test
    public void aTailTurnedIntoAnUnkeyedChainFailsThroughTheCheckpoint() throws Exception {
        FileAuditLog log = trailOf(4);
        log.close();
        rewriteFrom(2, false);
        FileAuditLog restarted = new FileAuditLog(file);
        assertTrue(restarted.verify(), restarted.verify().startsWith(
                "BROKEN at line 2 (entry 2): the line has no MAC but the keyed chain started at line 1"));
    }

    @Test
    public void aTruncatedFileFailsAfterANewFileAuditLogOverTheSameFiles() throws Exception {
        FileAuditLog log = trailOf(5);
        log.close();
        List<String> lines = lines();
        Files.write(file, lines.subList(0, 3), StandardCharsets.UTF_8);
        FileAuditLog restarted = new FileAuditLog(file);
        assertTrue(restarted.verify(), restarted.verify().startsWith(
                "BROKEN at the end: 3 entries, but 5 were checkpointed"));
        Files.writeString(file, "");
        assertTrue(new FileAuditLog(file).verify().startsWith("BROKEN at the end: 0 entries, but 5 were checkpointed"));
    }

    @Test
    public void aChangedCheckpointIsRefused() throws Exception {
        trailOf(3).close();
        Path checkpoint = file.resolveSibling("conflux-audit.jsonl.checkpoint");
        Files.writeString(checkpoint, Files.readString(checkpoint).replace("\"entries\":3", "\"entries\":2"));
        FileAuditLog restarted = new FileAuditLog(file);
        assertTrue(restarted.verify(), restarted.verify().startsWith("UNVERIFIABLE"));
        assertTrue(restarted.verify(), restarted.verify().contains("was changed (its MAC does not match)"));
    }

    @Test
    public void aRemovedCheckpointIsAFindingNotAFreshStart() throws Exception {
        trailOf(3).close();
        Files.delete(file.resolveSibling("conflux-audit.jsonl.checkpoint"));
        rewriteFrom(1, false);
        String verdict = new FileAuditLog(file).verify();
        assertTrue(verdict, verdict.startsWith("UNVERIFIABLE: the checkpoint file "));
        assertTrue(verdict, verdict.contains("is missing"));
        assertFalse("no new checkpoint over the finding",
                Files.exists(file.resolveSibling("conflux-audit.jsonl.checkpoint")));
    }

    @Test
    public void aMissingKeyIsAClearErrorAndNoNewKeyIsMadeUp() throws Exception {
        trailOf(2).close();
        Path key = file.resolveSibling("conflux-audit.jsonl.key");
        Files.delete(key);
        FileAuditLog restarted = new FileAuditLog(file);
        String verdict = restarted.verify();
        assertTrue(verdict, verdict.startsWith("UNVERIFIABLE from line 1: the audit key is missing: " + key));
        assertTrue(verdict, verdict.contains("CONFLUX_AUDIT_KEY"));
        assertFalse("no key was made up", Files.exists(key));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> restarted.record(OPS, "queue.purge", "orders", List.of(), AuditEntry.OK, null));
        assertTrue(refused.getMessage(), refused.getMessage().contains("the audit key is missing"));
        assertEquals("nothing written without the key", 2, lines().size());
    }

    @Test
    public void aKeyFromTheEnvironmentIsUsedAndAnotherKeyDoesNotVerify() throws Exception {
        file = tmp.getRoot().toPath().resolve("env.jsonl");
        FileAuditLog log = new FileAuditLog(file, "0123456789abcdef0123456789abcdef", 1);
        log.record(OPS, "flow.stop", "orders", List.of(), AuditEntry.OK, null);
        log.close();
        assertFalse("no key file when the environment gives it", Files.exists(file.resolveSibling("env.jsonl.key")));
        assertTrue(new FileAuditLog(file, "0123456789abcdef0123456789abcdef", 1).verify().startsWith("OK: 1 entries"));
        String other = new FileAuditLog(file, "another key, long enough to use", 1).verify();
        assertTrue(other, other.startsWith("UNVERIFIABLE") || other.startsWith("BROKEN"));
        assertThrows(IllegalArgumentException.class, () -> new FileAuditLog(file, "short", 1));
    }

    @Test
    public void unkeyedEntriesOfAnEarlierVersionAreNamedAndTheKeyedChainContinuesThem() throws Exception {
        file = tmp.getRoot().toPath().resolve("old.jsonl");
        String first = "{\"seq\":1,\"at\":\"2026-11-30T10:15:30Z\",\"user\":\"ops1\",\"from\":\"local\","
                + "\"action\":\"queue.purge\",\"target\":\"q\",\"items\":[],\"result\":\"OK\",\"detail\":null,"
                + "\"prev\":\"\"}";
        Files.write(file, List.of(first), StandardCharsets.UTF_8);
        FileAuditLog log = new FileAuditLog(file, null, 5);
        log.record(OPS, "flow.stop", "orders", List.of(), AuditEntry.OK, null);
        String verdict = log.verify();
        assertTrue(verdict, verdict.startsWith("OK: 2 entries, chain intact; entries before line 2 predate the audit"
                + " key (SHA-256 chain only), the keyed (HMAC-SHA-256) chain starts at line 2"));
        log.close();
        // The stop wrote a checkpoint although 5 entries had not been reached: cutting the keyed line is found.
        Files.write(file, List.of(first), StandardCharsets.UTF_8);
        String cut = new FileAuditLog(file, null, 5).verify();
        assertTrue(cut, cut.startsWith("BROKEN at the end: 1 entries, but 2 were checkpointed"));
    }
}
