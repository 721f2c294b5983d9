package dev.conflux.tracing.internal;

import java.util.function.BooleanSupplier;

/** Polls a condition until a deadline (no fixed sleeps in tests). */
final class Eventually {

    private Eventually() {
    }

    static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
