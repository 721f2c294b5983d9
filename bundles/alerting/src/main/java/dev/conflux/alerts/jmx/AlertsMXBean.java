package dev.conflux.alerts.jmx;

/**
 * Alerting for support staff, as {@code conflux:type=alerts}: the console's Alerts page reads it. Views have one
 * getter per field of the api records, so Jolokia's JSON keys are the records' field names; times are ISO-8601
 * strings (null when absent). Who may call what is in etc/jmx.acl.conflux.alerts.cfg; every change is audited.
 */
public interface AlertsMXBean {

    /** Active alerts: FIRING first, then PENDING, each oldest first. */
    AlertView[] getActive();

    /** Resolved alerts, newest first, at most 200. */
    AlertView[] getHistory();

    RuleView[] getRules();

    ChannelView[] getChannels();

    int getFiringCount();

    /** Marks an active alert as handled: no more repeats. */
    AlertView acknowledge(String alertId, String comment);

    /** Silences a rule for a duration (30m, 2h, 1d or PT2H) with a reason: still evaluated, notifies nobody. */
    RuleView silence(String rule, String duration, String reason);

    RuleView unsilence(String rule);
}
