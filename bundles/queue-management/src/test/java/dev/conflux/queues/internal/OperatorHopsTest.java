package dev.conflux.queues.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.queues.internal.AuditedQueueServiceTest.FakeAuditLog;
import dev.conflux.queues.internal.AuditedQueueServiceTest.NoFailures;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import dev.conflux.tracing.api.TraceRecorder;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.Subject;
import org.junit.Test;

public class OperatorHopsTest {

    /** Keeps what it is given. */
    static final class FakeRecorder implements TraceRecorder {
        final List<Hop> hops = new ArrayList<>();
        boolean enabled = true;
        boolean broken;

        @Override
        public boolean record(Hop hop) {
            if (broken) {
                throw new IllegalStateException("store gone");
            }
            hops.add(hop);
            return true;
        }

        @Override
        public boolean enabled() {
            return enabled;
        }
    }

    /** Named like Karaf's, which is how {@code Caller} recognises the user. */
    static final class UserPrincipal implements Principal {
        private final String name;

        UserPrincipal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private static final TraceParent ORDER = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

    private final FakeBroker broker = new FakeBroker();
    private final FakeAuditLog audit = new FakeAuditLog();
    private final FakeRecorder recorder = new FakeRecorder();
    private Supplier<TraceRecorder> tracing = () -> recorder;
    private final AuditedQueueService service = new AuditedQueueService(
            new BrokerQueueService(broker, new NoFailures(), new QueueRates(System::nanoTime)), audit,
            () -> tracing.get());

    private long tracedDeadLetter(String original, String text, String key) {
        broker.queue("DLQ." + original, "DLQ");
        return broker.add("DLQ." + original, text, Map.of("_AMQ_ORIG_QUEUE", original, "_AMQ_ORIG_ADDRESS", original,
                TraceParent.HEADER, ORDER.toString(), TraceParent.BUSINESS_KEY, key));
    }

    private static <T> T as(String user, PrivilegedAction<T> action) {
        return Subject.doAs(new Subject(true, Set.of(new UserPrincipal(user)), Set.of(), Set.of()), action);
    }

    @Test
    public void aRetriedDeadLetterGetsARetriedHopWithTheOperatorTheAuditEntryAndItsQueue() {
        broker.queue("orders", "orders");
        String traced = String.valueOf(tracedDeadLetter("orders", "poison", "A-9"));
        String untraced = String.valueOf(broker.deadLetter("orders", "old"));

        as("alice", () -> service.retry("DLQ.orders", List.of(traced, untraced, "424242")));

        AuditEntry entry = audit.last();
        assertEquals("only the traced message that was retried", 1, recorder.hops.size());
        Hop hop = recorder.hops.get(0);
        assertEquals(HopKind.RETRIED, hop.kind());
        assertEquals(ORDER.traceId(), hop.traceId());
        assertEquals("continues the message's span", ORDER.spanId(), hop.parentSpanId());
        assertEquals("A-9", hop.businessKey());
        assertEquals("orders", hop.target());
        assertEquals("alice", hop.actor());
        assertEquals(String.valueOf(entry.seq()), hop.auditId());
        assertEquals("ID:" + traced, hop.messageId());
        assertEquals("ok", hop.outcome());
        assertNull(hop.flow());
    }

    @Test
    public void resubmitMoveDiscardAndPurgeEachLeaveTheirHop() {
        broker.queue("orders", "orders");
        broker.queue("held", "held");
        String a = String.valueOf(tracedDeadLetter("orders", "a", "A-1"));
        String b = String.valueOf(tracedDeadLetter("orders", "b", "A-2"));

        as("bob", () -> service.resubmit("DLQ.orders", a, "{\"fixed\":true}", List.of("note=fixed")));
        Hop resubmitted = recorder.hops.get(0);
        assertEquals(HopKind.RESUBMITTED, resubmitted.kind());
        assertEquals("orders", resubmitted.target());
        assertEquals("bob", resubmitted.actor());
        assertEquals(String.valueOf(audit.last().seq()), resubmitted.auditId());
        FakeBroker.Sent copy = broker.sent.get(0);
        assertEquals("the edited copy stays in the trace", ORDER.toString(), copy.properties().get(TraceParent.HEADER));
        assertEquals("A-1", copy.properties().get(TraceParent.BUSINESS_KEY));

        as("carol", () -> service.discard("DLQ.orders", List.of(b), "duplicate"));
        Hop discarded = recorder.hops.get(1);
        assertEquals(HopKind.DISCARDED, discarded.kind());
        assertEquals("DLQ.orders", discarded.target());
        assertEquals("A-2", discarded.businessKey());
        assertEquals("carol", discarded.actor());

        String m = String.valueOf(broker.add("orders", "m", Map.of(TraceParent.HEADER, ORDER.toString())));
        service.move("orders", List.of(m), "held");
        Hop moved = recorder.hops.get(2);
        assertEquals(HopKind.MOVED, moved.kind());
        assertEquals("held", moved.target());

        broker.add("held", "n", Map.of());
        assertEquals(2, service.purge("held"));
        assertEquals("the traced one of the two", 3 + 1, recorder.hops.size());
        Hop purged = recorder.hops.get(3);
        assertEquals(HopKind.DISCARDED, purged.kind());
        assertEquals("held", purged.target());
        assertEquals(String.valueOf(audit.last().seq()), purged.auditId());
    }

    @Test
    public void retryAllAndMoveAllRecordEveryTracedMessage() {
        broker.queue("orders", "orders");
        broker.queue("held", "held");
        tracedDeadLetter("orders", "a", "A-1");
        tracedDeadLetter("orders", "b", "A-2");
        assertEquals(2, service.retryAll("DLQ.orders"));
        assertEquals(List.of(HopKind.RETRIED, HopKind.RETRIED), recorder.hops.stream().map(Hop::kind).toList());
        assertEquals(List.of("A-1", "A-2"), recorder.hops.stream().map(Hop::businessKey).toList());

        broker.add("held", "c", Map.of(TraceParent.HEADER, ORDER.toString()));
        assertEquals(1, service.moveAll("held", "orders"));
        assertEquals(HopKind.MOVED, recorder.hops.get(2).kind());
        assertEquals("orders", recorder.hops.get(2).target());
    }

    @Test
    public void aFailedActionLeavesNoHop() {
        broker.queue("orders", "orders");
        String a = String.valueOf(tracedDeadLetter("orders", "a", "A-1"));
        assertThrows(IllegalArgumentException.class, () -> service.discard("DLQ.orders", List.of(a), " "));
        assertEquals(AuditEntry.FAILED, audit.last().result());
        assertTrue(recorder.hops.isEmpty());
    }

    @Test
    public void withoutTracingOrWithABrokenRecorderTheActionsWorkTheSame() {
        broker.queue("orders", "orders");
        String a = String.valueOf(tracedDeadLetter("orders", "a", "A-1"));
        String b = String.valueOf(tracedDeadLetter("orders", "b", "A-2"));
        String c = String.valueOf(tracedDeadLetter("orders", "c", "A-3"));

        tracing = () -> null;
        assertEquals(List.of(a), service.retry("DLQ.orders", List.of(a)));

        tracing = () -> recorder;
        recorder.enabled = false;
        assertEquals(List.of(b), service.retry("DLQ.orders", List.of(b)));
        assertTrue("tracing off: no hops", recorder.hops.isEmpty());

        recorder.enabled = true;
        recorder.broken = true;
        assertEquals(List.of(c), service.retry("DLQ.orders", List.of(c)));
        assertEquals(AuditEntry.OK, audit.last().result());
        assertEquals(3, audit.entries.size());
    }
}
