package dev.conflux.queues.internal;

import dev.conflux.queues.api.DeadLetter;
import dev.conflux.queues.api.DeadLetterPage;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import dev.conflux.queues.internal.Broker.QueueInfo;
import dev.conflux.runtime.api.DeliveryFailure;
import dev.conflux.runtime.api.DeliveryFailures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Queues and dead letters on the broker: paging, checking what callers give, and the failure reason of each dead
 * letter. Not audited itself: {@link AuditedQueueService} records the actions.
 */
public final class BrokerQueueService implements QueueService, DeadLetterService {

    private final Broker broker;
    private final DeliveryFailures failures;
    private final QueueRates rates;

    public BrokerQueueService(Broker broker, DeliveryFailures failures, QueueRates rates) {
        this.broker = broker;
        this.failures = failures;
        this.rates = rates;
    }

    /** Takes a sample of every queue's counters, for the rates. */
    public void sample() {
        rates.sample(broker.queues().values());
    }

    @Override
    public List<QueueSummary> queues() {
        Map<String, QueueInfo> queues = broker.queues();
        Set<String> deadLetterAddresses = broker.deadLetterAddresses();
        return queues.values().stream().filter(q -> !q.system())
                .map(q -> summary(q, deadLetterAddresses.contains(q.address()))).toList();
    }

    private QueueSummary summary(QueueInfo q, boolean deadLetter) {
        return new QueueSummary(q.name(), q.address(), q.routingType(), q.messageCount(), q.consumerCount(),
                q.messagesAdded(), q.messagesAcknowledged(), rates.enqueue(q.name()), rates.dequeue(q.name()),
                q.firstMessageAgeMillis() == null || q.messageCount() == 0 ? -1 : q.firstMessageAgeMillis(),
                q.paused(), deadLetter, q.messagesExpired(), q.messagesKilled());
    }

    @Override
    public List<QueueMessage> browse(String queue, int offset, int limit) {
        broker.queue(queue);
        return page(queue, offset, limit).stream().map(Messages::message).toList();
    }

    /** Messages offset..offset+limit-1 from the broker's pages of {@code limit} messages (one or two of them). */
    private List<Map<String, Object>> page(String queue, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("The offset must be 0 or more, not " + offset);
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int first = offset / size + 1;
        int skip = offset % size;
        List<Map<String, Object>> messages = new ArrayList<>(broker.browse(queue, first, size));
        if (skip > 0 && messages.size() == size) {
            messages.addAll(broker.browse(queue, first + 1, size));
        }
        List<Map<String, Object>> page = messages.subList(Math.min(skip, messages.size()),
                Math.min(skip + size, messages.size()));
        return new ArrayList<>(page);
    }

    @Override
    public void pause(String queue) {
        broker.pause(queue);
    }

    @Override
    public void resume(String queue) {
        broker.resume(queue);
    }

    @Override
    public List<String> move(String queue, List<String> messageIds, String targetQueue) {
        List<String> ids = MessageIds.check(messageIds);
        broker.queue(queue);
        broker.queue(targetQueue);
        return ids.stream().filter(id -> broker.moveMessage(queue, Long.parseLong(id), targetQueue)).toList();
    }

    @Override
    public int moveAll(String queue, String targetQueue) {
        broker.queue(queue);
        broker.queue(targetQueue);
        return broker.moveMessages(queue, targetQueue);
    }

    @Override
    public int purge(String queue) {
        broker.queue(queue);
        return broker.removeAllMessages(queue);
    }

    // ---- dead letters ------------------------------------------------------------------------------------------

    @Override
    public List<QueueSummary> deadLetterQueues() {
        return broker.queuesOn(broker.deadLetterAddresses()).values().stream().map(q -> summary(q, true)).toList();
    }

    private QueueInfo deadLetterQueue(String name) {
        QueueInfo q;
        try {
            q = broker.queue(name);
        } catch (IllegalArgumentException e) {
            q = null;
        }
        if (q == null || !broker.deadLetterAddresses().contains(q.address())) {
            throw new IllegalArgumentException("No dead-letter queue named '" + name + "'");
        }
        return q;
    }

    @Override
    public DeadLetterPage deadLetters(String deadLetterQueue, int offset, int limit) {
        QueueInfo q = deadLetterQueue(deadLetterQueue);
        List<DeadLetter> letters = page(q.name(), offset, limit).stream().map(m -> deadLetter(q.name(), m)).toList();
        return new DeadLetterPage(q.name(), q.messageCount(), offset, letters);
    }

    private DeadLetter deadLetter(String queue, Map<String, Object> m) {
        QueueMessage message = Messages.message(m);
        Object origId = Messages.property(m, "_AMQ_ORIG_MESSAGE_ID");
        Optional<DeliveryFailure> failure = origId instanceof Number n ? failures.byBrokerMessageId(n.longValue())
                : Optional.empty();
        if (failure.isEmpty() && message.jmsMessageId() != null) {
            failure = failures.byJmsMessageId(message.jmsMessageId());
        }
        DeliveryFailure f = failure.orElse(null);
        return new DeadLetter(queue, message, str(Messages.property(m, "_AMQ_ORIG_QUEUE")),
                str(Messages.property(m, "_AMQ_ORIG_ADDRESS")), f == null ? "" : f.flow(), f == null ? "" : f.route(),
                f == null || f.step() == null ? "" : f.step(), f == null ? "" : f.exceptionType(),
                f == null ? "" : f.exceptionMessage(), f == null ? 0 : f.attempts(),
                f == null ? "" : f.firstFailure().toString(), f == null ? "" : f.lastFailure().toString());
    }

    @Override
    public List<String> retry(String deadLetterQueue, List<String> messageIds) {
        List<String> ids = MessageIds.check(messageIds);
        deadLetterQueue(deadLetterQueue);
        return ids.stream().filter(id -> broker.retryMessage(deadLetterQueue, Long.parseLong(id))).toList();
    }

    @Override
    public int retryAll(String deadLetterQueue) {
        deadLetterQueue(deadLetterQueue);
        return broker.retryMessages(deadLetterQueue);
    }

    @Override
    public String resubmit(String deadLetterQueue, String messageId, String body, List<String> properties) {
        long id = Long.parseLong(MessageIds.check(List.of(String.valueOf(messageId))).get(0));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String p : properties == null ? List.<String>of() : properties) {
            int eq = p == null ? -1 : p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Property '" + p + "' is not name=value");
            }
            String name = p.substring(0, eq).trim();
            if (Messages.userProperty(name)) {
                headers.put(name, p.substring(eq + 1));
            }
        }
        if (body == null) {
            throw new IllegalArgumentException("A body is required to resubmit a dead letter");
        }
        QueueInfo q = deadLetterQueue(deadLetterQueue);
        Map<String, Object> original = find(q, id);
        String address = str(Messages.property(original, "_AMQ_ORIG_ADDRESS"));
        if (address.isEmpty()) {
            throw new IllegalArgumentException("Message " + messageId + " does not say where it came from");
        }
        headers.put("ConfluxResubmittedFrom", messageId);
        // the edited copy stays in the message's trace (and keeps its business key) unless the operator set them
        for (String traced : List.of("traceparent", "ConfluxBusinessKey")) {
            Object value = Messages.property(original, traced);
            if (value != null && !headers.containsKey(traced)) {
                headers.put(traced, String.valueOf(value));
            }
        }
        String newId = broker.send(address, headers, body);
        broker.removeMessage(q.name(), id);
        return newId;
    }

    /** A message anywhere on the queue, page by page. */
    private Map<String, Object> find(QueueInfo q, long id) {
        for (int page = 1; ; page++) {
            List<Map<String, Object>> messages = broker.browse(q.name(), page, MAX_PAGE);
            for (Map<String, Object> m : messages) {
                if (Messages.id(m) == id) {
                    return m;
                }
            }
            if (messages.size() < MAX_PAGE) {
                throw new IllegalArgumentException("No message " + id + " on " + q.name());
            }
        }
    }

    @Override
    public List<String> discard(String deadLetterQueue, List<String> messageIds, String reason) {
        List<String> ids = MessageIds.check(messageIds);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to discard dead letters");
        }
        deadLetterQueue(deadLetterQueue);
        return ids.stream().filter(id -> broker.removeMessage(deadLetterQueue, Long.parseLong(id))).toList();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
