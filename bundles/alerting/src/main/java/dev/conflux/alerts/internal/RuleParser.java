package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.Periods;
import dev.conflux.runtime.api.Suggestions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks one rule configuration against the keys of its kind: every problem names the file, the key and what is
 * expected, with "did you mean" for a misspelt key, kind or channel. A rule with a problem is INVALID and runs not
 * at all; the other rules are not affected.
 */
public final class RuleParser {

    /** A rule as read: the spec when valid, else the problems. */
    public record Parsed(String name, String source, String kind, String target, Map<String, String> raw,
            RuleSpec spec, String problem) {
    }

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT = Duration.ofHours(4);
    static final long DEFAULT_MIN_COUNT = 10;
    static final int DEFAULT_DAYS = 30;
    static final Set<String> SEVERITIES = Set.of("warning", "critical");

    private RuleParser() {
    }

    /**
     * @param raw      the configuration's own keys (framework keys left out)
     * @param channels the names of the channels there are
     */
    public static Parsed parse(String name, String source, Map<String, String> raw, Collection<String> channels) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, v == null ? "" : v.trim()));
        String kindId = values.get("kind");
        RuleKind kind = null;
        if (kindId == null || kindId.isEmpty()) {
            problems.add("key 'kind' is required; kinds: " + String.join(", ", RuleKind.ids()));
        } else {
            kind = RuleKind.of(kindId).orElse(null);
            if (kind == null) {
                problems.add("key 'kind': unknown kind '" + kindId + "'" + didYouMean(RuleKind.ids(), kindId)
                        + "; kinds: " + String.join(", ", RuleKind.ids()));
            }
        }
        String target = kind == null || kind.targetKey() == null ? null : values.get(kind.targetKey());
        if (kind == null) {
            return new Parsed(name, source, kindId, null, raw, null, source + ": " + String.join("; ", problems));
        }
        Set<String> allowed = new TreeSet<>(RuleKind.COMMON_KEYS);
        allowed.addAll(kind.keys());
        if (kind.targetKey() != null) {
            allowed.add(kind.targetKey());
        }
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                problems.add("key '" + key + "' is not a key of a " + kind.id() + " rule" + didYouMean(allowed, key)
                        + "; keys: " + String.join(", ", allowed));
            }
        }
        if (kind.targetKey() != null && (target == null || target.isEmpty())) {
            problems.add("key '" + kind.targetKey() + "' is required: the " + kind.targetKey()
                    + " to watch, or * for every one");
        }
        Reader r = new Reader(values, problems);
        boolean queueDepth = kind == RuleKind.QUEUE_DEPTH;
        Long threshold = r.get("threshold", queueDepth ? null : "1", Long::parseLong, "a whole number");
        if (threshold != null && threshold < (queueDepth ? 0 : 1)) {
            problems.add("key 'threshold': '" + values.get("threshold") + "' is " + (threshold < 0 ? "negative"
                    : "zero") + "; expected a number of messages, at least " + (queueDepth ? 0 : 1));
        }
        Duration maxAge = kind == RuleKind.QUEUE_AGE ? r.get("maxAge", null, Periods::positive, null) : null;
        Double ratio = kind.keys().contains("ratio") ? r.get("ratio", null, Double::parseDouble, "a number") : Double.valueOf(0);
        if (ratio != null && kind.keys().contains("ratio") && (ratio <= 0 || ratio > 1)) {
            problems.add("key 'ratio': '" + values.get("ratio") + "' is out of range; expected a number above 0 and"
                    + " at most 1 (0.05 = 5%)");
        }
        Long minCount = r.get("minCount", String.valueOf(DEFAULT_MIN_COUNT), Long::parseLong, "a whole number");
        if (minCount != null && minCount < 1) {
            problems.add("key 'minCount': '" + values.get("minCount") + "' is not positive; expected at least 1");
        }
        Duration window = r.get("window", "5m", Periods::positive, null);
        Duration p95 = kind.keys().contains("p95") ? r.get("p95", null, Periods::positive, null) : null;
        Duration idle = kind == RuleKind.FLOW_SILENCE ? r.get("idle", null, Periods::positive, null) : null;
        ActiveHours hours = r.get("activeHours", "always", ActiveHours::parse, null);
        ZoneId zone = r.get("zone", ZoneId.systemDefault().getId(), ZoneId::of, "a time zone such as Europe/Berlin");
        Long days = r.get("days", String.valueOf(DEFAULT_DAYS), Long::parseLong, "a whole number of days");
        if (days != null && (days < 0 || days > 3650)) {
            problems.add("key 'days': '" + values.get("days") + "' is out of range; expected 0 to 3650");
        }
        Duration forDuration = r.get("for", "0s", Periods::parse, null);
        if (forDuration != null && forDuration.isNegative()) {
            problems.add("key 'for': '" + values.get("for") + "' is negative");
        }
        String severity = values.getOrDefault("severity", "warning");
        if (!SEVERITIES.contains(severity)) {
            problems.add("key 'severity': '" + severity + "' is not a severity" + didYouMean(SEVERITIES, severity)
                    + "; expected warning or critical");
        }
        List<String> channelList = Arrays.stream(values.getOrDefault("channels", "log").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (channelList.isEmpty()) {
            problems.add("key 'channels' is empty; expected channel names, e.g. log");
        }
        for (String channel : channelList) {
            if (!channels.contains(channel)) {
                problems.add("key 'channels': unknown channel '" + channel + "'" + didYouMean(channels, channel)
                        + "; channels: " + String.join(", ", new TreeSet<>(channels)));
            }
        }
        Duration repeat = r.get("repeat", "4h", Periods::positive, null);
        if (!problems.isEmpty()) {
            return new Parsed(name, source, kindId, target, raw, null, source + ": " + String.join("; ", problems));
        }
        RuleSpec spec = new RuleSpec(name, kind, target, source, threshold, maxAge, ratio, minCount, window, p95,
                idle, hours, zone, days.intValue(), forDuration, severity, channelList, repeat,
                values.getOrDefault("description", ""), values);
        return new Parsed(name, source, kindId, target, raw, spec, null);
    }

    static String didYouMean(Collection<String> names, String unknown) {
        String[] close = Suggestions.closeTo(names, unknown);
        return close.length == 0 ? "" : " (did you mean '" + close[0] + "'?)";
    }

    /** Reads typed values, adding a problem for a missing required key or a value that does not parse. */
    private record Reader(Map<String, String> values, List<String> problems) {

        /**
         * @param fallback the default, or null when the key is required
         * @param expected what a value must look like, or null when the parser's message says it
         * @return the value, or null after adding a problem
         */
        <T> T get(String key, String fallback, Function<String, T> parser, String expected) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                if (fallback == null) {
                    problems.add("key '" + key + "' is required");
                    return null;
                }
                value = fallback;
            }
            try {
                return parser.apply(value);
            } catch (DateTimeException | IllegalArgumentException e) {
                problems.add("key '" + key + "': " + (expected == null ? e.getMessage()
                        : "'" + value + "' is not " + expected));
                return null;
            }
        }
    }
}
