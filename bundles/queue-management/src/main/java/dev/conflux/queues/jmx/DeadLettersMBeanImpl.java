package dev.conflux.queues.jmx;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.queues.internal.MessageIds;
import dev.conflux.queues.internal.Broker;
import dev.conflux.queues.internal.Broker.QueueInfo;
import dev.conflux.queues.internal.Messages;
import dev.conflux.runtime.api.DeliveryFailure;
import dev.conflux.runtime.api.DeliveryFailures;
import dev.conflux.security.api.ServiceAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=deadletters")
public class DeadLettersMBeanImpl extends StandardMBean implements DeadLettersMXBean {

    static final int MAX_PER_QUEUE = 1000;
    private static final int TEXT = 3;

    @Reference
    private AuditLog audit;

    @Reference
    private DeliveryFailures failures;

    @Reference
    private ServiceAccount account;

    private final Broker broker = new Broker();

    public DeadLettersMBeanImpl() {
        super(DeadLettersMXBean.class, true);
    }

    @Override
    public DeadLetterView[] getDeadLetters() {
        Map<String, QueueInfo> queues = broker.queues();
        Set<String> addresses = broker.deadLetterAddresses(queues.values());
        List<DeadLetterView> views = new ArrayList<>();
        for (QueueInfo q : queues.values()) {
            if (!addresses.contains(q.address()) || q.messageCount() == 0) {
                continue;
            }
            for (Map<String, Object> m : broker.browse(q, MAX_PER_QUEUE)) {
                views.add(view(q.name(), m));
            }
        }
        return views.toArray(DeadLetterView[]::new);
    }

    private DeadLetterView view(String queue, Map<String, Object> m) {
        String jmsId = Messages.jmsMessageId(m);
        Object origId = Messages.property(m, "_AMQ_ORIG_MESSAGE_ID");
        Optional<DeliveryFailure> failure = origId instanceof Number n ? failures.byBrokerMessageId(n.longValue())
                : Optional.empty();
        if (failure.isEmpty() && jmsId != null) {
            failure = failures.byJmsMessageId(jmsId);
        }
        DeliveryFailure f = failure.orElse(null);
        return new DeadLetterView(queue, String.valueOf(Messages.id(m)), jmsId,
                str(Messages.property(m, "_AMQ_ORIG_QUEUE")), str(Messages.property(m, "_AMQ_ORIG_ADDRESS")),
                f == null ? "" : f.flow(), f == null ? "" : f.route(), f == null || f.step() == null ? "" : f.step(),
                f == null ? "" : f.exceptionType(), f == null ? "" : f.exceptionMessage(),
                f == null ? 0 : f.attempts(), f == null ? "" : f.firstFailure().toString(),
                f == null ? "" : f.lastFailure().toString(), Messages.sentAt(m), Messages.type(m),
                Messages.properties(m), Messages.body(m));
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private QueueInfo deadLetterQueue(String name) {
        Map<String, QueueInfo> queues = broker.queues();
        QueueInfo q = queues.get(name);
        if (q == null || !broker.deadLetterAddresses(queues.values()).contains(q.address())) {
            throw new IllegalArgumentException("No dead-letter queue named '" + name + "'");
        }
        return q;
    }

    @Override
    public int retry(String deadLetterQueue, String[] messageIds) {
        List<String> ids = MessageIds.check(messageIds);
        return Audited.run(audit, "deadletter.retry", deadLetterQueue, ids, () -> {
            QueueInfo q = deadLetterQueue(deadLetterQueue);
            int retried = 0;
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                if (Boolean.TRUE.equals(broker.invoke(q.mbean(), "retryMessage", new Object[] {Long.parseLong(id)}, "long"))) {
                    retried++;
                } else {
                    missing.add(id);
                }
            }
            return Outcome.ok(retried, retried + " sent back to their original queue"
                    + (missing.isEmpty() ? "" : "; no longer dead-lettered: " + missing));
        });
    }

    @Override
    public int retryAll(String deadLetterQueue) {
        QueueInfo q = deadLetterQueue(deadLetterQueue);
        List<String> ids = broker.browse(q, MAX_PER_QUEUE).stream().map(m -> String.valueOf(Messages.id(m))).toList();
        return Audited.run(audit, "deadletter.retry-all", deadLetterQueue, ids, () -> {
            int retried = ((Number) broker.invoke(q.mbean(), "retryMessages", new Object[0])).intValue();
            return Outcome.ok(retried, retried + " sent back to their original queue");
        });
    }

    @Override
    public String resubmit(String deadLetterQueue, String messageId, String body, String[] properties) {
        List<String> ids = new ArrayList<>(MessageIds.check(new String[] {messageId}));
        return Audited.run(audit, "deadletter.resubmit", deadLetterQueue, ids, () -> {
            QueueInfo q = deadLetterQueue(deadLetterQueue);
            Map<String, Object> original = broker.browse(q, MAX_PER_QUEUE).stream()
                    .filter(m -> messageId.equals(String.valueOf(Messages.id(m)))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No message " + messageId + " on " + deadLetterQueue));
            String address = str(Messages.property(original, "_AMQ_ORIG_ADDRESS"));
            if (address.isEmpty()) {
                throw new IllegalArgumentException("Message " + messageId + " does not say where it came from");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String p : properties == null ? new String[0] : properties) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Property '" + p + "' is not name=value");
                }
                String name = p.substring(0, eq).trim();
                if (Messages.userProperty(name)) {
                    headers.put(name, p.substring(eq + 1));
                }
            }
            headers.put("ConfluxResubmittedFrom", messageId);
            String newId = String.valueOf(broker.invoke(broker.address(q, address), "sendMessage",
                    new Object[] {headers, TEXT, body, true, account.username(), account.password()},
                    "java.util.Map", "int", "java.lang.String", "boolean", "java.lang.String", "java.lang.String"));
            broker.invoke(q.mbean(), "removeMessage", new Object[] {Long.parseLong(messageId)}, "long");
            ids.add(newId);
            return Outcome.ok(newId, "edited copy sent to " + address + " as message " + newId
                    + "; dead letter " + messageId + " removed");
        });
    }

    @Override
    public int discard(String deadLetterQueue, String[] messageIds, String reason) {
        List<String> ids = MessageIds.check(messageIds);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to discard dead letters");
        }
        return Audited.run(audit, "deadletter.discard", deadLetterQueue, ids, () -> {
            QueueInfo q = deadLetterQueue(deadLetterQueue);
            int removed = 0;
            for (String id : ids) {
                if (Boolean.TRUE.equals(broker.invoke(q.mbean(), "removeMessage", new Object[] {Long.parseLong(id)}, "long"))) {
                    removed++;
                }
            }
            return Outcome.ok(removed, removed + " discarded: " + reason.trim());
        });
    }
}
