package dev.conflux.audit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One operator action, recorded in the audit trail with its outcome, also when it throws. The caller (user and
 * client) is taken when the action is created, on the calling thread, before any work is handed elsewhere:
 * <pre>{@code
 * return Audited.action(audit, "queue.purge", queue, ids).run(() -> queues.purge(queue), n -> Outcome.ok(n + " deleted"));
 * }</pre>
 */
public final class Audited {

    /** How an action ended: {@link AuditEntry#OK} or {@link AuditEntry#FAILED}, what to say, ids it created. */
    public record Outcome(String result, String detail, List<String> newItems) {

        public static Outcome ok(String detail) {
            return new Outcome(AuditEntry.OK, detail, List.of());
        }

        public static Outcome failed(String detail) {
            return new Outcome(AuditEntry.FAILED, detail, List.of());
        }

        /** The same outcome, naming an item the action created (e.g. the id of a new message). */
        public Outcome withItem(String item) {
            List<String> items = new ArrayList<>(newItems);
            items.add(item);
            return new Outcome(result, detail, List.copyOf(items));
        }
    }

    private final AuditLog log;
    private final Caller caller;
    private final String action;
    private final String target;
    private final List<String> items;

    private Audited(AuditLog log, Caller caller, String action, String target, List<String> items) {
        this.log = log;
        this.caller = caller;
        this.action = action;
        this.target = target;
        this.items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * @param items the message ids the action is about (empty for a flow or a whole queue's state)
     */
    public static Audited action(AuditLog log, String action, String target, List<String> items) {
        return new Audited(log, Caller.current(), action, target, items);
    }

    /** Runs the operation and records the outcome {@code outcome} makes of its value, or FAILED with its error. */
    public <T> T run(Supplier<T> operation, Function<? super T, Outcome> outcome) {
        return run(operation, outcome, (value, entry) -> { });
    }

    /**
     * Like {@link #run(Supplier, Function)}, then hands the value and the recorded entry to {@code then} (e.g. to
     * link what followed from the action to its entry's {@code seq}); not called when the operation failed.
     */
    public <T> T run(Supplier<T> operation, Function<? super T, Outcome> outcome,
            BiConsumer<? super T, AuditEntry> then) {
        T value;
        try {
            value = operation.get();
        } catch (RuntimeException e) {
            log.record(caller, action, target, items, AuditEntry.FAILED, e.getMessage());
            throw e;
        }
        Outcome o = outcome.apply(value);
        List<String> all = new ArrayList<>(items);
        all.addAll(o.newItems());
        AuditEntry entry = log.record(caller, action, target, all, o.result(), o.detail());
        then.accept(value, entry);
        return value;
    }

    /** For an action without a value. */
    public void run(Runnable operation, String detail) {
        run(() -> {
            operation.run();
            return null;
        }, ignored -> Outcome.ok(detail));
    }
}
