package dev.conflux.apiusage.api;

/**
 * Usage of one operation by one consumer (or of all of either, as the {@link Grouping} asks) over a {@link Window}.
 * Latencies are in milliseconds, from the service plane's view (request arrived to response written); percentiles
 * are within 1% of the exact value.
 *
 * @param endpoint     the endpoint, "" when the row is for every operation
 * @param operation    the operation, "" when the row is for every operation
 * @param consumer     the consumer, "" when the row is for every consumer
 * @param ok           calls answered 1xx, 2xx or 3xx
 * @param clientErrors calls answered 4xx (the consumer's fault: bad request, refused credentials, throttled)
 * @param serverErrors calls answered 5xx
 * @param bytesIn      request body bytes, of the calls whose size was known
 * @param bytesOut     response body bytes
 */
public record UsageRow(String endpoint, String operation, String consumer, long calls, long ok, long clientErrors,
        long serverErrors, double p50Millis, double p95Millis, double p99Millis, double maxMillis, long bytesIn,
        long bytesOut) {

    /** The share of calls that failed (4xx or 5xx), 0 to 1; 0 without calls. */
    public double errorRate() {
        return calls == 0 ? 0 : (double) (clientErrors + serverErrors) / calls;
    }
}
