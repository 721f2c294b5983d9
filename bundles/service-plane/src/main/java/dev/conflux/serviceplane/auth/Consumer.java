package dev.conflux.serviceplane.auth;

import java.util.Set;

/**
 * The caller an authenticator recognised.
 *
 * @param name   the consumer's name, handed to the flow (never another consumer's)
 * @param scheme how it proved it: {@code basic}, {@code apikey}, {@code jwt}, {@code mtls}
 * @param scopes the scopes or roles it holds (empty when the scheme has none)
 */
public record Consumer(String name, String scheme, Set<String> scopes) {
}
