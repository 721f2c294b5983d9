package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.queues.api.DeadLetterPage;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueService;
import dev.conflux.queues.api.QueueSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue and dead-letter services as their front ends get them: every change is recorded in the audit trail,
 * with the caller taken on the calling thread, the message ids concerned and the outcome (also when it fails).
 * Reads pass through.
 */
public final class AuditedQueueService implements QueueService, DeadLetterService {

    private final QueueService queues;
    private final DeadLetterService deadLetters;
    private final AuditLog audit;

    public <S extends QueueService & DeadLetterService> AuditedQueueService(S service, AuditLog audit) {
        this.queues = service;
        this.deadLetters = service;
        this.audit = audit;
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
        return Audited.action(audit, "queue.move", queue, messageIds).run(
                () -> queues.move(queue, messageIds, targetQueue),
                moved -> Outcome.ok(moved.size() + " moved to " + targetQueue + missing(messageIds, moved,
                        "no longer on the queue")));
    }

    @Override
    public int moveAll(String queue, String targetQueue) {
        return Audited.action(audit, "queue.move-all", queue, idsOn(queue)).run(
                () -> queues.moveAll(queue, targetQueue), n -> Outcome.ok(n + " moved to " + targetQueue));
    }

    @Override
    public int purge(String queue) {
        return Audited.action(audit, "queue.purge", queue, idsOn(queue)).run(() -> queues.purge(queue),
                n -> Outcome.ok(n + " deleted"));
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
        return Audited.action(audit, "deadletter.retry", deadLetterQueue, messageIds).run(
                () -> deadLetters.retry(deadLetterQueue, messageIds),
                retried -> Outcome.ok(retried.size() + " sent back to their original queue"
                        + missing(messageIds, retried, "no longer dead-lettered")));
    }

    @Override
    public int retryAll(String deadLetterQueue) {
        return Audited.action(audit, "deadletter.retry-all", deadLetterQueue, idsOn(deadLetterQueue)).run(
                () -> deadLetters.retryAll(deadLetterQueue), n -> Outcome.ok(n + " sent back to their original queue"));
    }

    @Override
    public String resubmit(String deadLetterQueue, String messageId, String body, List<String> properties) {
        return Audited.action(audit, "deadletter.resubmit", deadLetterQueue, List.of(String.valueOf(messageId))).run(
                () -> deadLetters.resubmit(deadLetterQueue, messageId, body, properties),
                newId -> Outcome.ok("edited copy sent as message " + newId + "; dead letter " + messageId
                        + " removed").withItem(newId));
    }

    @Override
    public List<String> discard(String deadLetterQueue, List<String> messageIds, String reason) {
        return Audited.action(audit, "deadletter.discard", deadLetterQueue, messageIds).run(
                () -> deadLetters.discard(deadLetterQueue, messageIds, reason),
                discarded -> Outcome.ok(discarded.size() + " discarded: " + reason.trim()
                        + missing(messageIds, discarded, "no longer dead-lettered")));
    }

    /** The ids of a queue's messages (the first page), for the entry of an action on all of them. */
    private List<String> idsOn(String queue) {
        try {
            return queues.browse(queue, 0, MAX_PAGE).stream().map(QueueMessage::messageId).toList();
        } catch (RuntimeException e) {
            return List.of(); // the action itself fails the same way, and is recorded with its error
        }
    }

    private static String missing(List<String> asked, List<String> done, String what) {
        List<String> missing = new ArrayList<>(asked);
        missing.removeAll(done);
        return missing.isEmpty() ? "" : "; " + what + ": " + missing;
    }
}
