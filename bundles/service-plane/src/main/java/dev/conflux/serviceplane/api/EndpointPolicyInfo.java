package dev.conflux.serviceplane.api;

/**
 * An endpoint's authentication policy.
 *
 * @param endpoint the path pattern it applies to, e.g. {@code /api/orders/*}
 * @param policy   {@code none}, {@code basic}, {@code apikey}, {@code jwt} or {@code mtls} (several joined by {@code ,})
 * @param source   where it comes from: the cfg file, or {@code default}
 * @param rateLimit requests per second per consumer, 0 for no limit
 */
public record EndpointPolicyInfo(String endpoint, String policy, String source, int rateLimit) {
}
