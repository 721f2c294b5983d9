package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueService;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import dev.conflux.tracing.api.TraceRecorder;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The trace hops of operator actions on messages (retried, resubmitted, moved, discarded), each linked to the
 * action's audit entry. Which trace a message belongs to is read from its {@code traceparent} and
 * {@code ConfluxBusinessKey} properties by browsing before the action; messages without a valid {@code traceparent}
 * get no hop. Nothing is browsed or recorded while no {@link TraceRecorder} is there or tracing is off; recording
 * never fails the action.
 */
final class OperatorHops {

    /** What is known of a message before the action. */
    record Context(String id, TraceParent trace, String businessKey, String jmsMessageId, String originalQueue,
            String originalAddress) {

        static Optional<Context> of(QueueMessage m) {
            return TraceParent.parse(m.property(TraceParent.HEADER)).map(tp -> new Context(m.messageId(), tp,
                    m.property(TraceParent.BUSINESS_KEY), m.jmsMessageId(), m.property("_AMQ_ORIG_QUEUE"),
                    m.property("_AMQ_ORIG_ADDRESS")));
        }

        /** Where a retried dead letter goes: the queue it came from. */
        String back() {
            return originalQueue != null && !originalQueue.isEmpty() ? originalQueue : originalAddress;
        }
    }

    /** How far browsing goes to find the messages of an action (pages of {@value QueueService#MAX_PAGE}). */
    static final int MAX_PAGES = 10;

    private final Supplier<TraceRecorder> recorder;
    private final QueueService queues;
    private final String node = System.getProperty("karaf.name", "root");

    OperatorHops(Supplier<TraceRecorder> recorder, QueueService queues) {
        this.recorder = recorder;
        this.queues = queues;
    }

    /** Whether hops are recorded now. */
    boolean on() {
        TraceRecorder r = recorder.get();
        return r != null && r.enabled();
    }

    /** The traced ones among {@code messages}, by id. */
    Map<String, Context> of(List<QueueMessage> messages) {
        Map<String, Context> found = new LinkedHashMap<>();
        if (on()) {
            messages.forEach(m -> Context.of(m).ifPresent(c -> found.put(c.id(), c)));
        }
        return found;
    }

    /** The traced ones among the given messages of a queue, browsing at most {@value #MAX_PAGES} pages for them. */
    Map<String, Context> find(String queue, Collection<String> ids) {
        Map<String, Context> found = new LinkedHashMap<>();
        if (!on() || ids == null || ids.isEmpty()) {
            return found;
        }
        Set<String> wanted = new HashSet<>(ids);
        try {
            for (int page = 0; page < MAX_PAGES && !wanted.isEmpty(); page++) {
                List<QueueMessage> messages = queues.browse(queue, page * QueueService.MAX_PAGE, QueueService.MAX_PAGE);
                for (QueueMessage m : messages) {
                    if (wanted.remove(m.messageId())) {
                        Context.of(m).ifPresent(c -> found.put(c.id(), c));
                    }
                }
                if (messages.size() < QueueService.MAX_PAGE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // an unknown queue or a bad id: the action itself fails on it and is audited with the error
        }
        return found;
    }

    /** Records a hop of {@code kind} for each of {@code done} that is traced, linked to the audit entry. */
    void record(HopKind kind, Map<String, Context> traced, Collection<String> done, Function<Context, String> target,
            AuditEntry entry) {
        TraceRecorder r = recorder.get();
        if (r == null || traced.isEmpty()) {
            return;
        }
        for (String id : done) {
            Context c = traced.get(id);
            if (c == null) {
                continue;
            }
            try {
                TraceParent span = c.trace().child();
                r.record(Hop.of(c.trace().traceId(), kind).span(span.spanId(), c.trace().spanId())
                        .businessKey(c.businessKey()).node(node).target(target.apply(c)).outcome("ok")
                        .messageId(c.jmsMessageId()).actor(entry.user()).auditId(String.valueOf(entry.seq()))
                        .build());
            } catch (RuntimeException e) {
                // a recorder that misbehaves must not turn a done action into a failed one
            }
        }
    }

    /** The first {@code n} ids of {@code traced} (for actions on a whole queue that return a count). */
    static List<String> first(Map<String, Context> traced, List<QueueMessage> browsed, int n) {
        return browsed.stream().limit(Math.max(0, n)).map(QueueMessage::messageId).filter(traced::containsKey)
                .toList();
    }
}
