package dev.conflux.alerts.internal;

import dev.conflux.runtime.api.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells, for one rule at one evaluation, for which targets its condition holds. Rules over a window (dead letters,
 * failure and error ratios, p95) keep counter samples between evaluations in {@link Series}; a target first seen
 * after the rule's first evaluation (a dead-letter queue created by its first message, a flow deployed, an endpoint
 * called for the first time) counts from zero. Not thread-safe: the engine calls it from its one thread.
 */
final class Conditions {

    private final Map<String, Series> series = new HashMap<>();
    private final Map<String, Instant> lastEvaluated = new HashMap<>();
    /** Per rule and flow: the last total seen and when it changed (flow-silence). */
    private final Map<String, long[]> activity = new HashMap<>();
    private final Map<String, Instant> activeSince = new HashMap<>();

    /**
     * @param active whether an alert id is active now (dead letters keep firing while any remain)
     */
    List<Finding> evaluate(RuleSpec rule, Snapshot now, Instant at, Predicate<String> active) {
        Instant previous = lastEvaluated.put(rule.name(), at);
        Set<String> seen = new HashSet<>();
        List<Finding> found = new ArrayList<>();
        switch (rule.kind()) {
            case QUEUE_DEPTH -> now.queues().stream().filter(q -> matches(rule, q.name()))
                    .filter(q -> q.depth() > rule.threshold())
                    .forEach(q -> found.add(new Finding(q.name(), messages(q.depth()), "queue " + q.name() + " holds "
                            + messages(q.depth()) + " (more than " + rule.threshold() + ")")));
            case QUEUE_AGE -> now.queues().stream().filter(q -> matches(rule, q.name()))
                    .filter(q -> q.oldestAgeMillis() > rule.maxAge().toMillis())
                    .forEach(q -> found.add(new Finding(q.name(), Durations.format(Duration.ofMillis(q.oldestAgeMillis())),
                            "the oldest message of queue " + q.name() + " is "
                                    + Durations.format(Duration.ofMillis(q.oldestAgeMillis())) + " old (more than "
                                    + Durations.format(rule.maxAge()) + ")")));
            case DEAD_LETTERS -> {
                for (Sources.DeadLetters d : now.deadLetters()) {
                    if (!matches(rule, d.originalQueue())) {
                        continue;
                    }
                    long arrived = increase(rule, d.originalQueue(), seen, previous, at, rule.window(), d.added())[0];
                    boolean firing = active.test(rule.alertId(d.originalQueue()));
                    if (d.count() > 0 && (arrived >= rule.threshold() || firing)) {
                        found.add(new Finding(d.originalQueue(), d.count() + " in " + d.deadLetterQueue(),
                                arrived + " new dead letter" + (arrived == 1 ? "" : "s") + " of queue "
                                        + d.originalQueue() + " within " + Durations.format(rule.window()) + "; "
                                        + d.count() + " in " + d.deadLetterQueue()));
                    }
                }
            }
            case FLOW_FAILURE_RATIO -> {
                for (Sources.Flow f : now.flows()) {
                    if (matches(rule, f.name())) {
                        long[] inc = increase(rule, f.name(), seen, previous, at, rule.window(), f.total(), f.failed());
                        ratio(rule, f.name(), "flow " + f.name(), inc[0], inc[1], "failed", found);
                    }
                }
            }
            case ENDPOINT_ERROR_RATIO -> {
                for (Sources.Histogram h : now.endpointLatencies()) {
                    if (matches(rule, h.name())) {
                        long[] inc = increase(rule, h.name(), seen, previous, at, rule.window(), h.total(), h.errors());
                        ratio(rule, h.name(), "endpoint " + h.name(), inc[0], inc[1], "answered 5xx", found);
                    }
                }
            }
            case FLOW_SLOW -> slow(rule, now.flowLatencies(), "flow", seen, previous, at, found);
            case ENDPOINT_SLOW -> slow(rule, now.endpointLatencies(), "endpoint", seen, previous, at, found);
            case FLOW_NOT_STARTED -> notStarted(rule, now.flows(), found);
            case FLOW_SILENCE -> silence(rule, now.flows(), at, found);
            case CONNECTOR_DOWN -> now.connectors().stream().filter(c -> matches(rule, c.name()))
                    .filter(c -> "DOWN".equals(c.status()))
                    .forEach(c -> found.add(new Finding(c.name(), "DOWN", "connector " + c.name() + " is DOWN"
                            + (c.reason() == null ? "" : ": " + c.reason()))));
            case CERTIFICATE_EXPIRY -> expiring(rule, now.certificates(), at, found);
            default -> throw new IllegalStateException("no condition for " + rule.kind());
        }
        forgetOthers(rule, seen);
        return found;
    }

    /** Drops what a rule no longer needs (or every rule's state, for rules that are gone). */
    void retain(Set<String> ruleNames) {
        lastEvaluated.keySet().retainAll(ruleNames);
        Predicate<String> gone = key -> !ruleNames.contains(key.substring(0, key.indexOf('\n')));
        series.keySet().removeIf(gone);
        activity.keySet().removeIf(gone);
        activeSince.keySet().removeIf(gone);
    }

    private static boolean matches(RuleSpec rule, String name) {
        return rule.everyTarget() || rule.target().equals(name);
    }

    private static String messages(long n) {
        return n + (n == 1 ? " message" : " messages");
    }

    /** The counters' increase within the window, sampling them now. */
    private long[] increase(RuleSpec rule, String target, Set<String> seen, Instant previous, Instant at,
            Duration window, long... counters) {
        String key = rule.name() + "\n" + target;
        seen.add(key);
        Series s = series.get(key);
        if (s == null) {
            s = new Series();
            series.put(key, s);
            if (previous != null) {
                s.add(previous, new long[counters.length]); // appeared since the last evaluation: from zero
            }
        }
        s.add(at, counters);
        s.trim(at, window);
        return s.increase();
    }

    private void forgetOthers(RuleSpec rule, Set<String> seen) {
        String prefix = rule.name() + "\n";
        series.keySet().removeIf(k -> k.startsWith(prefix) && !seen.contains(k));
    }

    private static void ratio(RuleSpec rule, String target, String what, long total, long bad, String verb,
            List<Finding> found) {
        if (total >= rule.minCount() && total > 0 && (double) bad / total > rule.ratio()) {
            String percent = String.format(Locale.ROOT, "%.1f%%", 100.0 * bad / total);
            found.add(new Finding(target, percent + " (" + bad + " of " + total + ")", what + ": " + bad + " of "
                    + total + " " + verb + " within " + Durations.format(rule.window()) + " (" + percent
                    + ", more than " + String.format(Locale.ROOT, "%.1f%%", 100 * rule.ratio()) + ")"));
        }
    }

    private void slow(RuleSpec rule, List<Sources.Histogram> histograms, String what, Set<String> seen,
            Instant previous, Instant at, List<Finding> found) {
        for (Sources.Histogram h : histograms) {
            if (!matches(rule, h.name()) || h.bounds().length == 0) {
                continue;
            }
            long[] counters = new long[h.counts().length + 1];
            counters[0] = h.total();
            System.arraycopy(h.counts(), 0, counters, 1, h.counts().length);
            long[] inc = increase(rule, h.name(), seen, previous, at, rule.window(), counters);
            if (inc.length != counters.length || inc[0] == 0) {
                continue;
            }
            long[] buckets = new long[inc.length - 1];
            System.arraycopy(inc, 1, buckets, 0, buckets.length);
            double p95 = Percentiles.quantile(0.95, h.bounds(), buckets, inc[0]);
            if (p95 * 1000 > rule.p95().toMillis()) {
                String shown = Percentiles.format(p95);
                found.add(new Finding(h.name(), "p95 " + shown, what + " " + h.name() + ": 95% of " + inc[0]
                        + " took up to " + shown + " within " + Durations.format(rule.window()) + " (more than "
                        + Durations.format(rule.p95()) + ")"));
            }
        }
    }

    /** A named flow: any state but STARTED, or not deployed. Every flow ({@code *}): FAILED ones only. */
    private static void notStarted(RuleSpec rule, List<Sources.Flow> flows, List<Finding> found) {
        boolean deployed = false;
        for (Sources.Flow f : flows) {
            if (matches(rule, f.name())) {
                deployed = true;
                boolean down = rule.everyTarget() ? "FAILED".equals(f.state()) : !"STARTED".equals(f.state());
                if (down) {
                    found.add(new Finding(f.name(), f.state(), "flow " + f.name() + " is " + f.state()));
                }
            }
        }
        if (!deployed && !rule.everyTarget()) {
            found.add(new Finding(rule.target(), "not deployed", "flow " + rule.target() + " is not deployed"));
        }
    }

    private void silence(RuleSpec rule, List<Sources.Flow> flows, Instant at, List<Finding> found) {
        ZonedDateTime local = at.atZone(rule.zone());
        boolean open = rule.activeHours().contains(local);
        for (Sources.Flow f : flows) {
            if (!matches(rule, f.name())) {
                continue;
            }
            String key = rule.name() + "\n" + f.name();
            long[] last = activity.get(key);
            if (last == null || last[0] != f.total()) {
                activity.put(key, new long[] {f.total()});
                activeSince.put(key, at);
            }
            Instant quietSince = activeSince.get(key);
            if (open && rule.activeHours() != ActiveHours.ALWAYS) {
                Instant opened = rule.activeHours().openedAt(local).toInstant();
                quietSince = opened.isAfter(quietSince) ? opened : quietSince;
            }
            Duration quiet = Duration.between(quietSince, at);
            if (open && quiet.compareTo(rule.idle()) >= 0) {
                found.add(new Finding(f.name(), "idle " + Durations.format(quiet), "flow " + f.name()
                        + " processed nothing for " + Durations.format(quiet) + " (more than "
                        + Durations.format(rule.idle()) + ")"));
            }
        }
    }

    private static void expiring(RuleSpec rule, List<Sources.Certificate> certificates, Instant at,
            List<Finding> found) {
        Instant limit = at.plus(Duration.ofDays(rule.days()));
        List<String> soon = certificates.stream().filter(c -> c.notAfter() != null && c.notAfter().isBefore(limit))
                .sorted((a, b) -> a.notAfter().compareTo(b.notAfter()))
                .map(c -> c.alias() + " in " + c.store() + (c.usedBy() == null || c.usedBy().isEmpty() ? ""
                        : " (" + c.usedBy() + ")") + (c.notAfter().isBefore(at) ? " expired " : " expires ")
                        + c.notAfter())
                .toList();
        if (!soon.isEmpty()) {
            found.add(new Finding(null, soon.size() + " certificate" + (soon.size() == 1 ? "" : "s"),
                    "certificates expiring within " + rule.days() + " days: " + String.join("; ", soon)));
        }
    }
}
