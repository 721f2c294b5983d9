package dev.conflux.tracing.internal;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import java.time.Instant;

/** Test hops. */
final class Hops {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Hops() {
    }

    static Hop.Builder hop(String trace, HopKind kind, int secondsAfterT0) {
        return Hop.of(trace, kind).time(T0.plusSeconds(secondsAfterT0)).node("root");
    }

    static String trace(int n) {
        return String.format("%032x", n);
    }
}
