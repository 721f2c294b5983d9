package dev.conflux.runtime.internal.tracing;

import dev.conflux.tracing.api.TraceRecorder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link TraceRecorder} service as it is now, shared by every flow's context: the runtime's optional, dynamic
 * reference sets and clears it, so a recorder appearing or leaving needs no flow restart. None: nothing is traced.
 */
public final class RecorderHolder {

    private final AtomicReference<TraceRecorder> recorder = new AtomicReference<>();

    public void set(TraceRecorder r) {
        recorder.set(r);
    }

    /** Clears it if it is still {@code r} (a greedy replacement may already have set the next one). */
    public void unset(TraceRecorder r) {
        recorder.compareAndSet(r, null);
    }

    /** The recorder, or null. */
    public TraceRecorder get() {
        return recorder.get();
    }

    /** The recorder if there is one and tracing is on, else null. */
    TraceRecorder active() {
        TraceRecorder r = recorder.get();
        try {
            return r != null && r.enabled() ? r : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
