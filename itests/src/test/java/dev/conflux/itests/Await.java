package dev.conflux.itests;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes (never a fixed sleep standing in for a condition). */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(250);
        }
        AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last != null ? " (last failure: " + last + ")" : ""));
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
