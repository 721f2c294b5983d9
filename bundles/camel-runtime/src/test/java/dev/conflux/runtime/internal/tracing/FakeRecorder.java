package dev.conflux.runtime.internal.tracing;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every hop it is given; can be switched off or made to throw. */
public final class FakeRecorder implements TraceRecorder {

    public final List<Hop> hops = new CopyOnWriteArrayList<>();
    public volatile boolean enabled = true;
    public volatile boolean throwing;

    @Override
    public boolean record(Hop hop) {
        if (throwing) {
            throw new IllegalStateException("the store is on fire");
        }
        hops.add(hop);
        return true;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The hops of the trace, of the given flow (null: any), once {@code done} holds for them; fails after 20 s. */
    public List<Hop> await(Predicate<List<Hop>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Hop> now = List.copyOf(hops);
            if (done.test(now)) {
                return now;
            }
            Thread.sleep(20); // polling interval, not a stand-in for a condition
        }
        throw new AssertionError("hops did not arrive in time; recorded: " + describe(hops));
    }

    /** {@code KIND flow target} per hop, for assertion messages. */
    public static String describe(List<Hop> hops) {
        StringBuilder s = new StringBuilder();
        for (Hop h : hops) {
            s.append("\n  ").append(h.kind()).append(' ').append(h.flow()).append(' ').append(h.target())
                    .append(" key=").append(h.businessKey()).append(" outcome=").append(h.outcome());
        }
        return s.toString();
    }

    public static long count(List<Hop> hops, HopKind kind, String flow) {
        return hops.stream().filter(h -> h.kind() == kind && (flow == null || flow.equals(h.flow()))).count();
    }
}
