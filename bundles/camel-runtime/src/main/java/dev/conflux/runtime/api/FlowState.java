package dev.conflux.runtime.api;

/** Where a flow is in its life. */
public enum FlowState {
    /** Its routes are running. */
    STARTED,
    /** Stopped by an operator (stays stopped across restarts until started again). */
    STOPPED,
    /** It could not be deployed or started; {@link FlowStatus#lastError()} says why. */
    FAILED
}
