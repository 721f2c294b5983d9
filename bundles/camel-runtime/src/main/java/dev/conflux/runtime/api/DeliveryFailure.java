package dev.conflux.runtime.api;

import java.time.Instant;

/**
 * Why a flow could not process a message it consumed from the broker: what the dead-letter view shows next to a
 * dead-lettered message.
 *
 * @param brokerMessageId the broker's id of the consumed message (a dead-lettered copy carries it as
 *                        {@code _AMQ_ORIG_MESSAGE_ID})
 * @param jmsMessageId    its JMSMessageID, or null if the sender set none
 * @param step            the failing step: node id and, when known, its source location ({@code to2 at orders.yaml:12})
 * @param attempts        deliveries that failed so far (the broker's delivery count of the last one)
 */
public record DeliveryFailure(long brokerMessageId, String jmsMessageId, String queue, String flow, String route,
        String step, String exceptionType, String exceptionMessage, int attempts, Instant firstFailure,
        Instant lastFailure) {
}
