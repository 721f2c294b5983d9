package dev.conflux.alerts.api;

import java.time.Duration;
import java.util.List;

/**
 * Alerting for support staff (an OSGi service of the alerting bundle). Rules come from Config Admin factory
 * configurations {@code conflux.alert} (files {@code etc/conflux.alert-<name>.cfg}), channels from
 * {@code conflux.alert.channel} ({@code etc/conflux.alert.channel-<name>.cfg}); both are reloaded on every change, and
 * a bad one is INVALID with its file, key and reason while the others keep working. The {@code conflux:alert-*}
 * commands, the {@code conflux:type=alerts} MBean and the console's Alerts page are front ends over it.
 *
 * <p>{@code actor} says who asked ({@code shell:ops1}, {@code jmx:ops1}); acknowledgements and silences are written to
 * the audit trail with it. Bad input (unknown rule or alert, a non-positive duration, an empty reason) is an
 * {@link IllegalArgumentException} whose message says what was wrong.
 */
public interface AlertService {

    /** Every rule, INVALID ones included, by name. */
    List<AlertRule> rules();

    /** Every channel, INVALID ones included, by name; the built-in {@code log} channel is always there. */
    List<AlertChannel> channels();

    /** Alerts that are PENDING or FIRING now: firing first, then pending, each oldest first. */
    List<Alert> active();

    /** Resolved alerts, newest first, at most {@code max}. Kept across restarts of the bundle (bounded). */
    List<Alert> history(int max);

    /** Marks an active alert as being handled: it stays active but is no longer repeated to the channels. */
    Alert acknowledge(String alertId, String comment, String actor);

    /**
     * Silences a rule for a while: it is still evaluated (the Alerts page shows what it would fire) but notifies no
     * channel until the silence ends or is lifted.
     */
    AlertRule silence(String rule, Duration duration, String reason, String actor);

    /** Lifts a rule's silence. */
    AlertRule unsilence(String rule, String actor);
}
