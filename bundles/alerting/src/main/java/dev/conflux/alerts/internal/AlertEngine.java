package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.Alert.State;
import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.channel.Notification;
import dev.conflux.alerts.channel.Notification.Event;
import dev.conflux.alerts.internal.AlertStore.Silence;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting state machine. At each {@link #evaluate()} every valid rule's condition is checked per target; an
 * alert is PENDING while its condition holds for less than the rule's {@code for}, then FIRING, then RESOLVED when
 * the condition no longer holds. One alert per id; FIRING alerts are repeated every {@code repeat} until
 * acknowledged; a silenced rule is still evaluated but notifies nobody. Notifications go to the {@link Outbox}
 * (the notifier thread). Every method is synchronized: evaluation runs on the engine's thread, the others on
 * callers' threads, and each is short.
 */
public final class AlertEngine {

    /** Resolved alerts kept. */
    public static final int HISTORY = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    /** Where notifications go, with the channels to send them to. */
    @FunctionalInterface
    public interface Outbox {
        void send(Notification notification, List<String> channels);
    }

    private final Clock clock;
    private final Sources sources;
    private final Outbox outbox;
    private final AlertStore store;
    private final Texts.Origin origin;
    private final Conditions conditions = new Conditions();
    private Map<String, RuleParser.Parsed> rules = Map.of();
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> history = new ArrayDeque<>();
    private final Map<String, Silence> silences = new HashMap<>();
    private boolean dirty;

    /** @param store null to keep nothing across restarts */
    AlertEngine(Clock clock, Sources sources, Outbox outbox, AlertStore store, Texts.Origin origin) {
        this.clock = clock;
        this.sources = sources;
        this.outbox = outbox;
        this.store = store;
        this.origin = origin;
        if (store != null) {
            try {
                AlertStore.State state = store.load();
                state.active().forEach(a -> active.put(a.id(), a));
                history.addAll(state.history());
                silences.putAll(state.silences());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read the alerting state {}, starting afresh: {}", store.file(), e.getMessage());
            }
        }
    }

    /** Replaces the rules (after a configuration change); alerts of rules that are gone or INVALID resolve. */
    public synchronized void setRules(List<RuleParser.Parsed> parsed) {
        Map<String, RuleParser.Parsed> byName = new TreeMap<>();
        parsed.forEach(p -> byName.put(p.name(), p));
        rules = byName;
        conditions.retain(byName.keySet());
        Instant now = clock.instant();
        for (Alert a : List.copyOf(active.values())) {
            RuleParser.Parsed p = byName.get(a.rule());
            if (p == null || p.spec() == null) {
                resolve(a, now, false);
            }
        }
        save();
    }

    /** One evaluation of every valid rule. */
    public synchronized void evaluate() {
        Instant now = clock.instant();
        silences.entrySet().removeIf(e -> {
            boolean over = !e.getValue().until().isAfter(now);
            dirty |= over;
            return over;
        });
        Snapshot snapshot = new Snapshot(sources);
        for (RuleParser.Parsed p : rules.values()) {
            if (p.spec() != null) {
                try {
                    apply(p.spec(), conditions.evaluate(p.spec(), snapshot, now, active::containsKey), now);
                } catch (RuntimeException e) {
                    LOG.warn("Alert rule '{}' could not be evaluated (its alerts stay as they were): {}", p.name(),
                            e.toString());
                }
            }
        }
        save();
    }

    private void apply(RuleSpec rule, List<Finding> findings, Instant now) {
        boolean silenced = silences.containsKey(rule.name());
        Set<String> holding = new HashSet<>();
        for (Finding f : findings) {
            String id = rule.alertId(f.target());
            holding.add(id);
            Alert old = active.get(id);
            Instant since = old == null ? now : old.since();
            boolean due = !now.isBefore(since.plus(rule.forDuration()));
            State state = old != null && old.state() == State.FIRING || due ? State.FIRING : State.PENDING;
            Instant firingSince = state == State.FIRING ? (old != null && old.firingSince() != null
                    ? old.firingSince() : now) : null;
            Alert a = new Alert(id, rule.name(), rule.kind().id(), f.target(), state, rule.severity(), f.summary(),
                    f.value(), since, firingSince, null, old == null ? null : old.lastNotifiedAt(),
                    old == null ? null : old.acknowledgedBy(), old == null ? null : old.acknowledgedAt(),
                    old == null ? null : old.acknowledgeComment(), silenced, rule.kind().link());
            if (state == State.FIRING && !silenced) {
                Event event = null;
                if (a.lastNotifiedAt() == null) {
                    event = Event.FIRING;
                } else if (a.acknowledgedBy() == null && !now.isBefore(a.lastNotifiedAt().plus(rule.repeat()))) {
                    event = Event.REPEAT;
                }
                if (event != null) {
                    a = withNotified(a, now);
                    outbox.send(Texts.notification(event, a, rule.description(), origin, now), rule.channels());
                }
            }
            dirty |= old == null || old.state() != a.state() || old.silenced() != a.silenced()
                    || !a.value().equals(old.value()) || a.lastNotifiedAt() != old.lastNotifiedAt();
            active.put(id, a);
        }
        for (Alert a : List.copyOf(active.values())) {
            if (a.rule().equals(rule.name()) && !holding.contains(a.id())) {
                resolve(a, now, !silenced);
            }
        }
    }

    private void resolve(Alert a, Instant now, boolean notify) {
        active.remove(a.id());
        dirty = true;
        if (a.state() != State.FIRING) {
            return; // a PENDING alert that never fired leaves no trace
        }
        Alert resolved = new Alert(a.id(), a.rule(), a.kind(), a.target(), State.RESOLVED, a.severity(), a.summary(),
                a.value(), a.since(), a.firingSince(), now, a.lastNotifiedAt(), a.acknowledgedBy(), a.acknowledgedAt(),
                a.acknowledgeComment(), a.silenced(), a.link());
        RuleParser.Parsed p = rules.get(a.rule());
        if (notify && a.lastNotifiedAt() != null && p != null && p.spec() != null) {
            resolved = withNotified(resolved, now);
            outbox.send(Texts.notification(Event.RESOLVED, resolved, p.spec().description(), origin, now),
                    p.spec().channels());
        }
        history.addFirst(resolved);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    private static Alert withNotified(Alert a, Instant at) {
        return new Alert(a.id(), a.rule(), a.kind(), a.target(), a.state(), a.severity(), a.summary(), a.value(),
                a.since(), a.firingSince(), a.resolvedAt(), at, a.acknowledgedBy(), a.acknowledgedAt(),
                a.acknowledgeComment(), a.silenced(), a.link());
    }

    // ---- what the service reads and does -----------------------------------------------------------------------

    public synchronized List<Alert> active() {
        return active.values().stream().sorted(Comparator.comparing((Alert a) -> a.state() != State.FIRING)
                .thenComparing(Alert::since)).toList();
    }

    public synchronized List<Alert> history(int max) {
        return history.stream().limit(Math.max(0, max)).toList();
    }

    public synchronized List<AlertRule> rules() {
        return rules.values().stream().map(this::view).toList();
    }

    private AlertRule view(RuleParser.Parsed p) {
        Silence s = silences.get(p.name());
        RuleSpec spec = p.spec();
        Map<String, String> settings = new TreeMap<>(p.raw());
        settings.keySet().removeAll(List.of("kind", "severity", "channels"));
        if (spec == null) {
            return new AlertRule(p.name(), p.kind(), p.target(), AlertRule.Status.INVALID, p.problem(), p.source(),
                    p.raw().getOrDefault("severity", "warning"), List.of(), settings, null, null, null);
        }
        return new AlertRule(p.name(), spec.kind().id(), spec.target(), s == null ? AlertRule.Status.ACTIVE
                : AlertRule.Status.SILENCED, null, p.source(), spec.severity(), spec.channels(), settings,
                s == null ? null : s.until(), s == null ? null : s.reason(), s == null ? null : s.by());
    }

    public synchronized Alert acknowledge(String alertId, String comment, String actor) {
        Alert a = active.get(alertId);
        if (a == null) {
            throw new IllegalArgumentException("no active alert '" + alertId + "'; active: " + active.keySet());
        }
        Alert acked = new Alert(a.id(), a.rule(), a.kind(), a.target(), a.state(), a.severity(), a.summary(),
                a.value(), a.since(), a.firingSince(), null, a.lastNotifiedAt(), actor, clock.instant(),
                comment == null || comment.isBlank() ? null : comment.trim(), a.silenced(), a.link());
        active.put(alertId, acked);
        dirty = true;
        save();
        return acked;
    }

    public synchronized AlertRule silence(String rule, Duration duration, String reason, String actor) {
        RuleParser.Parsed p = rule(rule);
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("the silence needs a positive duration, e.g. 2h");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a silence needs a reason");
        }
        silences.put(rule, new Silence(clock.instant().plus(duration), reason.trim(), actor));
        markSilenced(rule, true);
        return view(p);
    }

    public synchronized AlertRule unsilence(String rule, String actor) {
        RuleParser.Parsed p = rule(rule);
        if (silences.remove(rule) == null) {
            throw new IllegalArgumentException("rule '" + rule + "' is not silenced");
        }
        markSilenced(rule, false);
        return view(p);
    }

    private void markSilenced(String rule, boolean silenced) {
        for (Alert a : List.copyOf(active.values())) {
            if (a.rule().equals(rule)) {
                active.put(a.id(), new Alert(a.id(), a.rule(), a.kind(), a.target(), a.state(), a.severity(),
                        a.summary(), a.value(), a.since(), a.firingSince(), null, a.lastNotifiedAt(),
                        a.acknowledgedBy(), a.acknowledgedAt(), a.acknowledgeComment(), silenced, a.link()));
            }
        }
        dirty = true;
        save();
    }

    private RuleParser.Parsed rule(String name) {
        RuleParser.Parsed p = rules.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no alert rule '" + name + "'" + RuleParser.didYouMean(rules.keySet(),
                    name == null ? "" : name) + "; rules: " + String.join(", ", rules.keySet()));
        }
        return p;
    }

    private void save() {
        if (!dirty || store == null) {
            return;
        }
        try {
            store.save(new AlertStore.State(List.copyOf(active.values()), List.copyOf(history), Map.copyOf(silences)));
            dirty = false;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the alerting state to {} (will try again): {}", store.file(), e.getMessage());
        }
    }
}
