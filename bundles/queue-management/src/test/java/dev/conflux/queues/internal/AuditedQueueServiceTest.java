package dev.conflux.queues.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Caller;
import dev.conflux.runtime.api.DeliveryFailure;
import dev.conflux.runtime.api.DeliveryFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class AuditedQueueServiceTest {

    /** Keeps what it is given. */
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

        AuditEntry last() {
            return entries.get(entries.size() - 1);
        }
    }

    private final FakeBroker broker = new FakeBroker();
    private final FakeAuditLog audit = new FakeAuditLog();
    private final AuditedQueueService service = new AuditedQueueService(
            new BrokerQueueService(broker, new NoFailures(), new QueueRates(System::nanoTime)), audit);

    @Test
    public void eachActionIsRecordedWithItsMessageIdsAndOutcome() {
        broker.queue("orders", "orders");
        broker.queue("held", "held");
        String a = String.valueOf(broker.deadLetter("orders", "a"));
        String b = String.valueOf(broker.deadLetter("orders", "b"));
        String c = String.valueOf(broker.deadLetter("orders", "c"));

        service.retry("DLQ.orders", List.of(a, "424242"));
        AuditEntry retried = audit.last();
        assertEquals("deadletter.retry", retried.action());
        assertEquals("DLQ.orders", retried.target());
        assertEquals(List.of(a, "424242"), retried.items());
        assertEquals(AuditEntry.OK, retried.result());
        assertEquals("1 sent back to their original queue; no longer dead-lettered: [424242]", retried.detail());

        String newId = service.resubmit("DLQ.orders", b, "b2", List.of());
        assertEquals(List.of(b, newId), audit.last().items());

        service.discard("DLQ.orders", List.of(c), "  duplicate of 7 ");
        assertEquals("1 discarded: duplicate of 7", audit.last().detail());

        String x = String.valueOf(broker.add("held", "x", Map.of()));
        String y = String.valueOf(broker.add("held", "y", Map.of()));
        assertEquals(2, service.purge("held"));
        assertEquals("queue.purge", audit.last().action());
        assertEquals("the ids that were deleted", List.of(x, y), audit.last().items());
        assertEquals("2 deleted", audit.last().detail());

        service.pause("held");
        assertEquals("queue.pause", audit.last().action());
        assertEquals("paused", audit.last().detail());
        assertEquals("no subject: the container itself", null, audit.last().user());
    }

    @Test
    public void aFailedActionIsRecordedAsFailedWithTheErrorAndReadsAreNot() {
        broker.queue("orders", "orders");
        service.queues();
        service.browse("orders", 0, 10);
        assertTrue("reads are not audited", audit.entries.isEmpty());

        assertThrows(IllegalArgumentException.class, () -> service.pause("no-such-queue"));
        AuditEntry failed = audit.last();
        assertEquals("queue.pause", failed.action());
        assertEquals(AuditEntry.FAILED, failed.result());
        assertEquals("No queue named 'no-such-queue'", failed.detail());

        assertThrows(IllegalArgumentException.class, () -> service.purge("gone"));
        assertEquals(AuditEntry.FAILED, audit.last().result());
        assertEquals(List.of(), audit.last().items());

        assertThrows(IllegalArgumentException.class, () -> service.discard("DLQ.orders", List.of("1"), ""));
        assertEquals(AuditEntry.FAILED, audit.last().result());
    }

    static final class NoFailures implements DeliveryFailures {
        @Override
        public Optional<DeliveryFailure> byBrokerMessageId(long id) {
            return Optional.empty();
        }

        @Override
        public Optional<DeliveryFailure> byJmsMessageId(String id) {
            return Optional.empty();
        }
    }
}
