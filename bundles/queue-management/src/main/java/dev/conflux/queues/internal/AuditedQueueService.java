package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.queues.api.DeadLetterPage;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import dev.conflux.queues.internal.OperatorHops.Context;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The queue and dead-letter services as their front ends get them: every change is recorded in the audit trail,
 * with the caller taken on the calling thread, the message ids concerned and the outcome (also when it fails).
 * Reads pass through. Actions on messages also leave a hop in each message's trace (retried, resubmitted, moved,
 * discarded) with the operator and the audit entry, when tracing is there ({@link OperatorHops}).
 */
public final class AuditedQueueService implements QueueService, DeadLetterService {

    private final QueueService queues;
    private final DeadLetterService deadLetters;
    private final AuditLog audit;
    private final OperatorHops hops;

    public <S extends QueueService & DeadLetterService> AuditedQueueService(S service, AuditLog audit) {
        this(service, audit, () -> null);
    }

    /** With the trace recorder of the moment (null: none), for the hops of operator actions. */
    public <S extends QueueService & DeadLetterService> AuditedQueueService(S service, AuditLog audit,
            Supplier<TraceRecorder> tracing) {
        this.queues = service;
        this.deadLetters = service;
        this.audit = audit;
        this.hops = new OperatorHops(tracing, service);
    }

    @Override
    public List<QueueSummary> queues() {
        return queues.queues();
    }

    @Override
    public List<QueueMessage> browse(String queue, int offset, int limit) {
        return queues.browse(queue, offset, limit);
    }

    @Override
    public void pause(String queue) {
        Audited.action(audit, "queue.pause", queue, List.of()).run(() -> queues.pause(queue), "paused");
    }

    @Override
    public void resume(String queue) {
        Audited.action(audit, "queue.resume", queue, List.of()).run(() -> queues.resume(queue), "resumed");
    }

    @Override
    public List<String> move(String queue, List<String> messageIds, String targetQueue) {
        Map<String, Context> traced = hops.find(queue, messageIds);
        return Audited.action(audit, "queue.move", queue, messageIds).run(
                () -> queues.move(queue, messageIds, targetQueue),
                moved -> Outcome.ok(moved.size() + " moved to " + targetQueue + missing(messageIds, moved,
                        "no longer on the queue")),
                (moved, entry) -> hops.record(HopKind.MOVED, traced, moved, c -> targetQueue, entry));
    }

    @Override
    public int moveAll(String queue, String targetQueue) {
        List<QueueMessage> first = firstPage(queue);
        Map<String, Context> traced = hops.of(first);
        return Audited.action(audit, "queue.move-all", queue, ids(first)).run(
                () -> queues.moveAll(queue, targetQueue), n -> Outcome.ok(n + " moved to " + targetQueue),
                (n, entry) -> hops.record(HopKind.MOVED, traced, OperatorHops.first(traced, first, n),
                        c -> targetQueue, entry));
    }

    @Override
    public int purge(String queue) {
        List<QueueMessage> first = firstPage(queue);
        Map<String, Context> traced = hops.of(first);
        return Audited.action(audit, "queue.purge", queue, ids(first)).run(() -> queues.purge(queue),
                n -> Outcome.ok(n + " deleted"),
                (n, entry) -> hops.record(HopKind.DISCARDED, traced, OperatorHops.first(traced, first, n),
                        c -> queue, entry));
    }

    @Override
    public List<QueueSummary> deadLetterQueues() {
        return deadLetters.deadLetterQueues();
    }

    @Override
    public DeadLetterPage deadLetters(String deadLetterQueue, int offset, int limit) {
        return deadLetters.deadLetters(deadLetterQueue, offset, limit);
    }

    @Override
    public List<String> retry(String deadLetterQueue, List<String> messageIds) {
        Map<String, Context> traced = hops.find(deadLetterQueue, messageIds);
        return Audited.action(audit, "deadletter.retry", deadLetterQueue, messageIds).run(
                () -> deadLetters.retry(deadLetterQueue, messageIds),
                retried -> Outcome.ok(retried.size() + " sent back to their original queue"
                        + missing(messageIds, retried, "no longer dead-lettered")),
                (retried, entry) -> hops.record(HopKind.RETRIED, traced, retried, Context::back, entry));
    }

    @Override
    public int retryAll(String deadLetterQueue) {
        List<QueueMessage> first = firstPage(deadLetterQueue);
        Map<String, Context> traced = hops.of(first);
        return Audited.action(audit, "deadletter.retry-all", deadLetterQueue, ids(first)).run(
                () -> deadLetters.retryAll(deadLetterQueue), n -> Outcome.ok(n + " sent back to their original queue"),
                (n, entry) -> hops.record(HopKind.RETRIED, traced, OperatorHops.first(traced, first, n),
                        Context::back, entry));
    }

    @Override
    public String resubmit(String deadLetterQueue, String messageId, String body, List<String> properties) {
        Map<String, Context> traced = hops.find(deadLetterQueue, List.of(String.valueOf(messageId)));
        return Audited.action(audit, "deadletter.resubmit", deadLetterQueue, List.of(String.valueOf(messageId))).run(
                () -> deadLetters.resubmit(deadLetterQueue, messageId, body, properties),
                newId -> Outcome.ok("edited copy sent as message " + newId + "; dead letter " + messageId
                        + " removed").withItem(newId),
                (newId, entry) -> hops.record(HopKind.RESUBMITTED, traced, List.of(String.valueOf(messageId)),
                        Context::originalAddress, entry));
    }

    @Override
    public List<String> discard(String deadLetterQueue, List<String> messageIds, String reason) {
        Map<String, Context> traced = hops.find(deadLetterQueue, messageIds);
        return Audited.action(audit, "deadletter.discard", deadLetterQueue, messageIds).run(
                () -> deadLetters.discard(deadLetterQueue, messageIds, reason),
                discarded -> Outcome.ok(discarded.size() + " discarded: " + reason.trim()
                        + missing(messageIds, discarded, "no longer dead-lettered")),
                (discarded, entry) -> hops.record(HopKind.DISCARDED, traced, discarded, c -> deadLetterQueue, entry));
    }

    /** A queue's first page of messages, for the entry (and hops) of an action on all of them. */
    private List<QueueMessage> firstPage(String queue) {
        try {
            return queues.browse(queue, 0, MAX_PAGE);
        } catch (RuntimeException e) {
            return List.of(); // the action itself fails the same way, and is recorded with its error
        }
    }

    private static List<String> ids(List<QueueMessage> messages) {
        return messages.stream().map(QueueMessage::messageId).toList();
    }

    private static String missing(List<String> asked, List<String> done, String what) {
        List<String> missing = new ArrayList<>(asked);
        missing.removeAll(done);
        return missing.isEmpty() ? "" : "; " + what + ": " + missing;
    }
}
