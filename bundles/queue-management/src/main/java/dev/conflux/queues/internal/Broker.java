package dev.conflux.queues.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the queue service needs of the broker, by queue name. Browsed messages are plain maps as the broker's
 * management shows them ({@link Messages} reads them). Unknown queues are an {@link IllegalArgumentException}.
 */
public interface Broker {

    /** A queue and its counters. */
    record QueueInfo(String name, String address, String routingType, long messageCount, int consumerCount,
            long messagesAdded, long messagesAcknowledged, Long firstMessageAgeMillis, boolean paused,
            boolean temporary, boolean internal, long messagesExpired, long messagesKilled) {

        public QueueInfo(String name, String address, String routingType, long messageCount, int consumerCount,
                long messagesAdded, long messagesAcknowledged, Long firstMessageAgeMillis, boolean paused,
                boolean temporary, boolean internal) {
            this(name, address, routingType, messageCount, consumerCount, messagesAdded, messagesAcknowledged,
                    firstMessageAgeMillis, paused, temporary, internal, 0, 0);
        }

        /** Queues the broker uses for itself (management, MQTT sessions), not for applications. */
        public boolean system() {
            return internal || temporary || name.startsWith("$sys.") || name.startsWith("activemq.management")
                    || name.startsWith("activemq.notifications");
        }
    }

    /** Every queue, by name. */
    Map<String, QueueInfo> queues();

    /** One queue. */
    QueueInfo queue(String name);

    /** The queues on the given addresses, by name. */
    Map<String, QueueInfo> queuesOn(Set<String> addresses);

    /** The addresses dead letters go to (e.g. {@code DLQ}), as the address settings of the existing addresses say. */
    Set<String> deadLetterAddresses();

    /** Page {@code page} (from 1) of {@code pageSize} messages, oldest first, without consuming them. */
    List<Map<String, Object>> browse(String queue, int page, int pageSize);

    void pause(String queue);

    void resume(String queue);

    boolean moveMessage(String queue, long id, String targetQueue);

    int moveMessages(String queue, String targetQueue);

    boolean removeMessage(String queue, long id);

    int removeAllMessages(String queue);

    boolean retryMessage(String queue, long id);

    int retryMessages(String queue);

    /** Sends a durable text message to an address as the service account; returns its id. */
    String send(String address, Map<String, String> properties, String body);
}
