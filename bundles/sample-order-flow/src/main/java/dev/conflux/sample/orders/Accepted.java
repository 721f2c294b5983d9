package dev.conflux.sample.orders;

/** The answer to an accepted order: its id (the one given, or a new one) and {@code ACCEPTED}. */
public record Accepted(String orderId, String status) {
}
