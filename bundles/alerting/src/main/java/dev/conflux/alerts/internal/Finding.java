package dev.conflux.alerts.internal;

/**
 * A rule's condition holding for one target at one evaluation.
 *
 * @param target  the queue, flow, endpoint or connector; null for a rule without target
 * @param value   the current value, for people ("1,200 messages")
 * @param summary what is wrong and where, for people
 */
public record Finding(String target, String value, String summary) {
}
