package dev.conflux.tracing.internal;

import static dev.conflux.tracing.internal.Hops.T0;
import static dev.conflux.tracing.internal.Hops.hop;
import static org.junit.Assert.assertEquals;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.Position;
import dev.conflux.tracing.api.Position.State;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Test;

public class PositionsTest {

    private static final String T = Hops.trace(1);
    private final Positions positions = new Positions(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));

    private Position of(Hop... hops) {
        return positions.of(List.of(hops));
    }

    private static Hop received(int s) {
        return hop(T, HopKind.RECEIVED, s).flow("orders-in", "1").target("POST /api/orders").build();
    }

    private static Hop sent(int s) {
        return hop(T, HopKind.SENT, s).flow("orders-in", "1").target("orders").build();
    }

    private static Hop consumed(int s) {
        return hop(T, HopKind.CONSUMED, s).flow("orders-out", "1").target("orders").attempt(1).build();
    }

    private static Hop completed(String flow, int s) {
        return hop(T, HopKind.COMPLETED, s).flow(flow, "1").build();
    }

    @Test
    public void sentAndNotConsumedIsWaitingInTheQueueEvenAfterTheSenderCompleted() {
        Position p = of(received(0), sent(1), completed("orders-in", 2));
        assertEquals(State.WAITING, p.state());
        assertEquals("orders", p.where());
        assertEquals(T0.plusSeconds(1), p.since());
        assertEquals("waiting in queue orders since 10:00:01", p.text());
    }

    @Test
    public void aMessageFromOutsideTheBrokerReceivedIsWaitingInItsQueue() {
        Position p = of(hop(T, HopKind.RECEIVED, 5).target("queue:inbound").actor("partner").build());
        assertEquals(State.WAITING, p.state());
        assertEquals("waiting in queue inbound since 10:00:05", p.text());
    }

    @Test
    public void consumedIsInFlightInTheConsumingFlow() {
        Position p = of(received(0), sent(1), consumed(2));
        assertEquals(State.IN_FLIGHT, p.state());
        assertEquals("orders-out", p.where());
        assertEquals("in flight in orders-out since 10:00:02", p.text());
    }

    @Test
    public void completedAfterASuccessfulCallIsDeliveredToTheCallsTarget() {
        Hop call = hop(T, HopKind.CALLED, 3).flow("orders-out", "1").target("http partner-a").outcome("ok").build();
        Position p = of(received(0), sent(1), completed("orders-in", 1), consumed(2), call, completed("orders-out", 4));
        assertEquals(State.DELIVERED, p.state());
        assertEquals("http partner-a", p.where());
        assertEquals("delivered to http partner-a at 10:00:03", p.text());
    }

    @Test
    public void completedWithoutACallIsCompleted() {
        Position p = of(received(0), completed("orders-in", 1));
        assertEquals(State.COMPLETED, p.state());
        assertEquals("completed by flow orders-in at 10:00:01", p.text());
    }

    @Test
    public void aFailedCallDoesNotCountAsDelivery() {
        Hop call = hop(T, HopKind.CALLED, 3).flow("orders-out", "1").target("http partner-a").outcome("503").build();
        Position p = of(consumed(2), call, completed("orders-out", 4));
        assertEquals(State.COMPLETED, p.state());
    }

    @Test
    public void aFailureNotYetRedeliveredIsFailedWithTheStep() {
        Hop failed = hop(T, HopKind.FAILED, 3).flow("orders-out", "1").failure("to-partner (to) at orders.yaml:12",
                "503").build();
        Position p = of(consumed(2), failed);
        assertEquals(State.FAILED, p.state());
        assertEquals("orders-out", p.where());
        assertEquals("failed in flow orders-out at to-partner (to) at orders.yaml:12 at 10:00:03", p.text());
    }

    @Test
    public void aRedeliveryAfterAFailureIsInFlightAgain() {
        Hop failed = hop(T, HopKind.FAILED, 3).flow("orders-out", "1").build();
        Hop again = hop(T, HopKind.REDELIVERED, 4).flow("orders-out", "1").target("orders").attempt(2).build();
        assertEquals(State.IN_FLIGHT, of(consumed(2), failed, again).state());
    }

    @Test
    public void deadLetteredIsInTheDeadLetterQueue() {
        Hop dlq = hop(T, HopKind.DEAD_LETTERED, 9).target("DLQ.orders").attempt(3).build();
        Position p = of(consumed(2), hop(T, HopKind.FAILED, 3).flow("orders-out", "1").build(), dlq);
        assertEquals(State.DEAD_LETTERED, p.state());
        assertEquals("DLQ.orders", p.where());
        assertEquals("in DLQ.orders since 10:00:09", p.text());
    }

    @Test
    public void anOperatorsRetryPutsItBackIntoItsQueue() {
        Hop dlq = hop(T, HopKind.DEAD_LETTERED, 9).target("DLQ.orders").build();
        Hop retry = hop(T, HopKind.RETRIED, 20).target("orders").actor("support").auditId("42").build();
        Position p = of(consumed(2), dlq, retry);
        assertEquals(State.WAITING, p.state());
        assertEquals("waiting in queue orders since 10:00:20", p.text());
        Position done = of(consumed(2), dlq, retry, consumed(21), completed("orders-out", 22));
        assertEquals(State.COMPLETED, done.state());
    }

    @Test
    public void discardedAndExpiredAreFinal() {
        Hop discarded = hop(T, HopKind.DISCARDED, 30).target("DLQ.orders").actor("support").build();
        Position d = of(hop(T, HopKind.DEAD_LETTERED, 9).target("DLQ.orders").build(), discarded);
        assertEquals(State.DISCARDED, d.state());
        assertEquals("discarded by support at 10:00:30", d.text());

        Position e = of(sent(1), hop(T, HopKind.EXPIRED, 61).target("queue:orders").build());
        assertEquals(State.EXPIRED, e.state());
        assertEquals("orders", e.where());
        assertEquals("expired in orders at 10:01:01", e.text());
    }

    @Test
    public void anotherDayShowsTheDate() {
        Positions later = new Positions(Clock.fixed(T0.plusSeconds(3 * 86_400), ZoneOffset.UTC));
        assertEquals("waiting in queue orders since 2026-03-01 10:00:01", later.of(List.of(sent(1))).text());
    }
}
