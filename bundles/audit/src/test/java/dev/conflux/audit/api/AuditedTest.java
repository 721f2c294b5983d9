package dev.conflux.audit.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.conflux.audit.api.Audited.Outcome;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.security.auth.Subject;
import org.junit.Test;

public class AuditedTest {

    /** Records what it is given. */
    static final class FakeAuditLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public AuditEntry record(Caller caller, String action, String target, List<String> items, String result,
                String detail) {
            AuditEntry e = new AuditEntry(entries.size() + 1, null, caller.user(), caller.from(), action, target,
                    List.copyOf(items), result, detail);
            entries.add(e);
            return e;
        }

        @Override
        public List<AuditEntry> recent(int max) {
            return entries;
        }

        @Override
        public Path file() {
            return null;
        }

        @Override
        public String verify() {
            return "OK";
        }
    }

    /** Named like Karaf's principals, which is how {@link Caller} recognizes them. */
    record UserPrincipal(String getName) implements Principal {
    }

    record ClientPrincipal(String getName) implements Principal {
    }

    private final FakeAuditLog log = new FakeAuditLog();

    @SuppressWarnings("removal")
    private static <T> T as(String user, String from, PrivilegedAction<T> action) {
        Subject subject = new Subject(true, Set.of(new UserPrincipal(user), new ClientPrincipal(from)), Set.of(), Set.of());
        return Subject.doAs(subject, action);
    }

    @Test
    public void theCallerIsTakenOnTheCallingThreadEvenWhenTheWorkRunsElsewhere() throws Exception {
        Audited action = as("omar", "hawtio(127.0.0.1:5000)",
                () -> Audited.action(log, "queue.move", "orders", List.of("7", "8")));
        int moved = action.run(() -> CompletableFuture.supplyAsync(() -> 2).join(), n -> Outcome.ok(n + " moved"));

        assertEquals(2, moved);
        AuditEntry e = log.entries.get(0);
        assertEquals("omar", e.user());
        assertEquals("hawtio(127.0.0.1:5000)", e.from());
        assertEquals("queue.move", e.action());
        assertEquals("orders", e.target());
        assertEquals(List.of("7", "8"), e.items());
        assertEquals(AuditEntry.OK, e.result());
        assertEquals("2 moved", e.detail());
    }

    @Test
    public void aFailedActionIsRecordedWithItsErrorAndRethrown() {
        IllegalArgumentException error = new IllegalArgumentException("No queue named 'x'");
        try {
            as("anna", "ssh(/127.0.0.1:4000)", () -> Audited.action(log, "queue.pause", "x", List.of())
                    .run(() -> {
                        throw error;
                    }, v -> Outcome.ok("paused")));
            fail("the error reaches the caller");
        } catch (IllegalArgumentException e) {
            assertSame(error, e);
        }
        AuditEntry entry = log.entries.get(0);
        assertEquals(AuditEntry.FAILED, entry.result());
        assertEquals("No queue named 'x'", entry.detail());
        assertEquals("anna", entry.user());
    }

    @Test
    public void anOutcomeMayReportFailureAndNameTheItemsTheActionCreated() {
        String id = Audited.action(log, "deadletter.resubmit", "DLQ.q", List.of("41"))
                .run(() -> "42", newId -> Outcome.ok("copy sent as " + newId).withItem(newId));
        assertEquals("42", id);
        assertEquals(List.of("41", "42"), log.entries.get(0).items());
        assertEquals("no subject, no user", null, log.entries.get(0).user());

        Audited.action(log, "flow.start", "f", List.of()).run(() -> "FAILED", s -> Outcome.failed("now " + s));
        assertEquals(AuditEntry.FAILED, log.entries.get(1).result());
        assertTrue(log.entries.get(1).items().isEmpty());
    }

    @Test
    public void whatFollowsAnActionGetsItsRecordedEntryAndNothingWhenItFailed() {
        List<String> seen = new ArrayList<>();
        Audited.action(log, "deadletter.retry", "DLQ.orders", List.of("7"))
                .run(() -> 1, n -> Outcome.ok(n + " retried"), (n, entry) -> seen.add(n + "@" + entry.seq()));
        assertEquals(List.of("1@1"), seen);
        try {
            Audited.action(log, "deadletter.retry", "DLQ.orders", List.of("8")).run(() -> {
                throw new IllegalArgumentException("gone");
            }, n -> Outcome.ok("retried"), (n, entry) -> seen.add("after a failure"));
            fail();
        } catch (IllegalArgumentException expected) {
            assertEquals(List.of("1@1"), seen);
        }
    }
}
