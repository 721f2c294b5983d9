package dev.conflux.alerts.api;

import java.time.Instant;

/**
 * One alert: a rule's condition holding for one target (a rule on {@code *} has one alert per queue, flow, … it
 * fires for). Its id is stable while it is active ({@code <rule>/<target>}); a resolved alert keeps it in history.
 *
 * @param summary        what is wrong and where, in words ("queue orders holds 120 messages (more than 100) since 10:42")
 * @param value          the current value of what the rule measures, as shown to people ("120 messages")
 * @param since          when the condition was first seen (PENDING from then)
 * @param firingSince    when it started FIRING; null while PENDING
 * @param resolvedAt     when it was RESOLVED; null while active
 * @param lastNotifiedAt when a channel was last told about it; null if never (pending, or silenced)
 * @param link           the console page concerned, relative to the console ({@code #/conflux/queues?queue=orders})
 */
public record Alert(String id, String rule, String kind, String target, State state, String severity,
        String summary, String value, Instant since, Instant firingSince, Instant resolvedAt, Instant lastNotifiedAt,
        String acknowledgedBy, Instant acknowledgedAt, String acknowledgeComment, boolean silenced, String link) {

    public enum State { PENDING, FIRING, RESOLVED }
}
