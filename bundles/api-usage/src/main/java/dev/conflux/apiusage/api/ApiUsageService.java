package dev.conflux.apiusage.api;

import java.util.List;
import java.util.Set;

/**
 * API usage analytics (an OSGi service): who calls which published REST/SOAP operation, how often, how fast, with
 * which outcome. The shell ({@code conflux:api-usage}), the MBean {@code conflux:type=apiusage}, the console's API
 * usage page and the catalog's impact analysis are front ends over this.
 */
public interface ApiUsageService {

    /** Usage over the window, one row per group, the most called first. */
    List<UsageRow> usage(Window window, Grouping by);

    /**
     * The window step by step (minutes for 5m, 5 minutes for 1h, hours for 1d, 24 hours ending with the current hour
     * for 30d), oldest first.
     *
     * @param operation only this operation ("" or null: all)
     */
    List<UsagePoint> trend(Window window, String operation);

    /** Per flow that publishes operations: calls accepted per hour and success rate over the window. */
    List<FlowCounter> flowCounters(Window window);

    /**
     * The consumers seen calling an API over the window: {@code api} is an operation ({@code POST /api/orders}) or an
     * endpoint ({@code /services/orders}, {@code /api/orders}), as the catalog names published APIs.
     */
    Set<String> consumersOf(String api, Window window);

    /**
     * The usage as CSV (RFC 4180, a header line first): with {@code hourly}, one line per hour, operation and
     * consumer from the roll-ups (a day or 30 days; a spreadsheet's input); else {@link #usage}'s rows.
     */
    String csv(Window window, Grouping by, boolean hourly);
}
