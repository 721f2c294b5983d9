package dev.conflux.serviceplane.api;

/** A key just issued: {@code secret} is what the consumer sends; it is not kept and cannot be shown again. */
public record IssuedApiKey(ApiKeyInfo info, String secret) {
}
