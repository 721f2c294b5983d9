package dev.conflux.alerts.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert rule as configured.
 *
 * @param name          the factory configuration's name ({@code etc/conflux.alert-<name>.cfg})
 * @param kind          the rule kind ({@code queue-depth}, {@code dead-letters}, {@code flow-failure-ratio}, …)
 * @param target        what it watches (a queue, flow, endpoint or connector name, or {@code *})
 * @param status        ACTIVE, SILENCED or INVALID
 * @param problem       why it is INVALID: file, key and reason (with a "did you mean" where one fits); null otherwise
 * @param source        the cfg file it comes from
 * @param severity      {@code warning} or {@code critical}
 * @param channels      the channels it notifies
 * @param settings      its other settings as configured (thresholds, durations)
 * @param silencedUntil while SILENCED, until when; null otherwise
 * @param silenceReason while SILENCED, the reason given
 * @param silencedBy    while SILENCED, who silenced it
 */
public record AlertRule(String name, String kind, String target, Status status, String problem, String source,
        String severity, List<String> channels, Map<String, String> settings, Instant silencedUntil,
        String silenceReason, String silencedBy) {

    public enum Status { ACTIVE, SILENCED, INVALID }

    public AlertRule {
        channels = List.copyOf(channels);
        settings = Map.copyOf(settings);
    }
}
