package dev.conflux.apiusage.api;

/**
 * What a flow's published operations did over a window, in a process owner's words: "orders accepted per hour,
 * success rate".
 *
 * @param flow        the flow's name
 * @param unit        what one accepted call is to the business, from the flow's {@code unit} property
 *                    ({@code orders}); {@code calls} when the flow does not say
 * @param operations  the operations counted, comma-separated
 * @param accepted    calls answered 1xx to 3xx
 * @param refused     calls answered 4xx (bad input, no access)
 * @param failed      calls answered 5xx
 * @param perHour     accepted calls per hour over the window
 * @param successRate accepted / all calls, 0 to 1; 1 without calls
 */
public record FlowCounter(String flow, String unit, String operations, long accepted, long refused, long failed,
        double perHour, double successRate) {
}
