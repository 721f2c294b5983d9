package dev.conflux.alerts.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rule kinds, each with the key naming its target, its own keys, and the console page its alerts link to. */
public enum RuleKind {
    QUEUE_DEPTH("queue-depth", "queue", "queues", Set.of("threshold")),
    QUEUE_AGE("queue-age", "queue", "queues", Set.of("maxAge")),
    DEAD_LETTERS("dead-letters", "queue", "deadletters", Set.of("threshold", "window")),
    FLOW_FAILURE_RATIO("flow-failure-ratio", "flow", "flows", Set.of("ratio", "minCount", "window")),
    FLOW_NOT_STARTED("flow-not-started", "flow", "flows", Set.of()),
    FLOW_SLOW("flow-slow", "flow", "flows", Set.of("p95", "window")),
    ENDPOINT_SLOW("endpoint-slow", "endpoint", "flows", Set.of("p95", "window")),
    FLOW_SILENCE("flow-silence", "flow", "flows", Set.of("idle", "activeHours", "zone")),
    CONNECTOR_DOWN("connector-down", "connector", "connectors", Set.of()),
    CERTIFICATE_EXPIRY("certificate-expiry", null, "trust", Set.of("days")),
    ENDPOINT_ERROR_RATIO("endpoint-error-ratio", "endpoint", "flows", Set.of("ratio", "minCount", "window"));

    /** Keys every rule may have. */
    public static final List<String> COMMON_KEYS = List.of("kind", "for", "severity", "channels", "repeat",
            "description");

    private final String id;
    private final String targetKey;
    private final String tab;
    private final Set<String> keys;

    RuleKind(String id, String targetKey, String tab, Set<String> keys) {
        this.id = id;
        this.targetKey = targetKey;
        this.tab = tab;
        this.keys = keys;
    }

    /** As written in {@code kind = …}. */
    public String id() {
        return id;
    }

    /** {@code queue}, {@code flow}, {@code endpoint}, {@code connector}; null for certificate-expiry. */
    public String targetKey() {
        return targetKey;
    }

    /** The console link of its alerts. */
    public String link() {
        return "#/conflux?tab=" + tab;
    }

    /** The keys of this kind besides the common ones and the target key. */
    public Set<String> keys() {
        return keys;
    }

    public static Optional<RuleKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RuleKind::id).toList();
    }
}
