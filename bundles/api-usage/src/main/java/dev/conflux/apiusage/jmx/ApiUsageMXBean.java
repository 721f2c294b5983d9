package dev.conflux.apiusage.jmx;

/**
 * {@code conflux:type=apiusage}: API usage analytics for scripts and the console (over Jolokia). Every answer is
 * JSON (CSV for {@link #csv}); a window is {@code 5m}, {@code 1h}, {@code 1d} or {@code 30d}.
 */
public interface ApiUsageMXBean {

    /** Rows of usage: {@code by} is {@code operation}, {@code consumer} or {@code both}. */
    String usage(String window, String by);

    /** The window step by step; {@code operation} "" for every operation. */
    String trend(String window, String operation);

    /** Per flow that publishes operations: accepted per hour, success rate. */
    String flowCounters(String window);

    /** The consumers of an operation or endpoint seen over the window. */
    String consumersOf(String api, String window);

    /** The usage as CSV; {@code hourly}: one line per hour, operation and consumer. */
    String csv(String window, String by, boolean hourly);
}
