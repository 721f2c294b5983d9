package dev.conflux.alerts.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One valid rule, parsed from {@code etc/conflux.alert-<name>.cfg}. Thresholds a kind does not use keep their
 * defaults and are ignored.
 *
 * @param target    the queue, flow, endpoint or connector, {@code *} for every one; null for certificate-expiry
 * @param threshold queue-depth: messages; dead-letters: new dead letters within the window
 * @param settings  the file's own keys and values, for display
 */
public record RuleSpec(String name, RuleKind kind, String target, String source, long threshold, Duration maxAge,
        double ratio, long minCount, Duration window, Duration p95, Duration idle, ActiveHours activeHours,
        ZoneId zone, int days, Duration forDuration, String severity, List<String> channels, Duration repeat,
        String description, Map<String, String> settings) {

    public static final String ANY = "*";

    public RuleSpec {
        channels = List.copyOf(channels);
        settings = Map.copyOf(settings);
    }

    /** Whether it watches every queue, flow, … rather than one. */
    public boolean everyTarget() {
        return ANY.equals(target);
    }

    /** The id of its alert for one target: {@code <rule>/<target>}, or the rule's name for a rule without target. */
    public String alertId(String forTarget) {
        return forTarget == null ? name : name + "/" + forTarget;
    }
}
