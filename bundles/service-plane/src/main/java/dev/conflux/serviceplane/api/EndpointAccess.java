package dev.conflux.serviceplane.api;

import java.util.List;

/**
 * Who may call the service plane's endpoints: the authentication policy of every endpoint and the API keys issued
 * to consumers. One service for the shell ({@code conflux:apikey-*}), JMX and the trust inventory.
 */
public interface EndpointAccess {

    /** Every endpoint policy in force, configured or defaulted, ordered by endpoint. */
    List<EndpointPolicyInfo> policies();

    /** Every API key ever issued (revoked ones included), without the key itself. */
    List<ApiKeyInfo> apiKeys();

    /** Issues a key to a consumer; the returned secret is shown once and only its hash is kept. */
    IssuedApiKey createApiKey(String consumer, java.time.Instant expires);

    /** Revokes a key by its id; false when there is no such key. */
    boolean revokeApiKey(String id);
}
