package dev.conflux.tracing.internal;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.Position;
import dev.conflux.tracing.api.Position.State;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where a traced message is now, from its hops in time order: a message sent to a queue (or received there from
 * outside, or put back there by an operator) and not taken from it since is WAITING there; a dead-lettered one is
 * in its DLQ; a failure not followed by a redelivery is FAILED; a flow that completed after a successful call
 * DELIVERED it to the call's target (COMPLETED when it called nothing); DISCARDED and EXPIRED are final; anything
 * else is IN_FLIGHT.
 */
public final class Positions {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    public Positions(Clock clock) {
        this.clock = clock;
    }

    /** The position after {@code hops} (oldest first). */
    public Position of(List<Hop> hops) {
        if (hops.isEmpty()) {
            return new Position(State.IN_FLIGHT, null, null, "no hops recorded");
        }
        Hop waiting = null;
        Hop lastCall = null;
        Hop decisive = null;
        State state = State.IN_FLIGHT;
        for (Hop h : hops) {
            switch (h.kind()) {
                case SENT, RETRIED, RESUBMITTED, MOVED -> waiting = h.target() == null ? waiting : h;
                case RECEIVED -> {
                    if (isQueue(h.target())) {
                        waiting = h;
                    }
                    lastCall = null;
                    state = State.IN_FLIGHT;
                    decisive = h;
                }
                case CONSUMED, REDELIVERED -> {
                    waiting = null;
                    lastCall = null;
                    state = State.IN_FLIGHT;
                    decisive = h;
                }
                case CALLED -> lastCall = isOk(h.outcome()) ? h : null;
                case FAILED -> {
                    state = State.FAILED;
                    decisive = h;
                }
                case COMPLETED -> {
                    state = lastCall != null ? State.DELIVERED : State.COMPLETED;
                    decisive = lastCall != null ? lastCall : h;
                }
                case DEAD_LETTERED, DISCARDED, EXPIRED -> {
                    waiting = null;
                    state = h.kind() == HopKind.DEAD_LETTERED ? State.DEAD_LETTERED
                            : h.kind() == HopKind.DISCARDED ? State.DISCARDED : State.EXPIRED;
                    decisive = h;
                }
                default -> {
                    // every kind is handled above
                }
            }
        }
        if (waiting != null) {
            String queue = queueName(waiting.target());
            return new Position(State.WAITING, queue, waiting.time(),
                    "waiting in queue " + queue + " since " + clockTime(waiting.time()));
        }
        Hop at = decisive == null ? hops.get(hops.size() - 1) : decisive;
        return switch (state) {
            case DEAD_LETTERED -> position(state, at.target(), at, "in " + at.target() + " since ");
            case FAILED -> position(state, at.flow(), at, "failed" + (at.flow() == null ? "" : " in flow " + at.flow())
                    + (at.step() == null ? "" : " at " + at.step()) + " at ");
            case DELIVERED -> position(state, at.target(), at, "delivered to " + at.target() + " at ");
            case COMPLETED -> position(state, at.flow(), at, "completed" + (at.flow() == null ? ""
                    : " by flow " + at.flow()) + " at ");
            case DISCARDED -> position(state, at.target(), at, "discarded" + (at.actor() == null ? ""
                    : " by " + at.actor()) + " at ");
            case EXPIRED -> position(state, queueName(at.target()), at, "expired" + (at.target() == null ? ""
                    : " in " + queueName(at.target())) + " at ");
            default -> {
                String where = at.flow() != null ? at.flow() : queueName(at.target());
                yield position(State.IN_FLIGHT, where, at, "in flight" + (where == null ? "" : " in " + where)
                        + " since ");
            }
        };
    }

    private Position position(State state, String where, Hop at, String text) {
        return new Position(state, where, at.time(), text + clockTime(at.time()));
    }

    /** HH:mm:ss today, with the date on other days (in the container's time zone). */
    String clockTime(Instant t) {
        ZonedDateTime z = t.atZone(clock.getZone());
        return z.toLocalDate().equals(LocalDate.now(clock)) ? TIME.format(z) : DATE_TIME.format(z);
    }

    static boolean isQueue(String target) {
        return target != null && (target.startsWith("queue:") || target.startsWith("jms:"));
    }

    /** The queue's name from a hop's target ({@code queue:orders}, {@code jms:queue:orders} or {@code orders}). */
    static String queueName(String target) {
        if (target == null) {
            return null;
        }
        String t = target.startsWith("jms:") ? target.substring(4) : target;
        return t.startsWith("queue:") ? t.substring(6) : t;
    }

    private static boolean isOk(String outcome) {
        return outcome == null || "ok".equalsIgnoreCase(outcome);
    }
}
