package dev.conflux.queues.api;

/**
 * One dead-lettered message with why it got there: where it came from, which flow, route and step failed on it,
 * with what exception, how many deliveries were tried and when. The failure fields are empty (attempts 0) when no
 * flow of this runtime failed on the message (e.g. it expired, or another client rejected it).
 */
public record DeadLetter(String queue, QueueMessage message, String originalQueue, String originalAddress,
        String flow, String route, String step, String exceptionType, String exceptionMessage, int deliveryAttempts,
        String firstFailure, String lastFailure) {
}
