package dev.conflux.runtime.api;

import java.util.Optional;

/**
 * The last failure of each message flows consumed from the broker and could not process (an OSGi service of the
 * runtime). Kept across restarts, for the most recent messages.
 */
public interface DeliveryFailures {

    /** By the broker's message id (a dead-lettered copy's {@code _AMQ_ORIG_MESSAGE_ID}). */
    Optional<DeliveryFailure> byBrokerMessageId(long brokerMessageId);

    /** By JMSMessageID ({@code ID:...}), for messages that have one. */
    Optional<DeliveryFailure> byJmsMessageId(String jmsMessageId);
}
