package dev.conflux.audit.api;

import java.util.List;
import java.util.function.Supplier;

/** Runs an operator action and records it in the audit trail with its outcome, also when it throws. */
public final class Audited {

    /** What an action returned, whether it succeeded ({@link AuditEntry#OK}) and what to say about it. */
    public record Outcome<T>(T value, String result, String detail) {

        public static <T> Outcome<T> ok(T value, String detail) {
            return new Outcome<>(value, AuditEntry.OK, detail);
        }
    }

    private Audited() {
    }

    /**
     * @param items the message ids concerned; the list is read after the action, so the action may add to it
     *              (e.g. the id of a message it created)
     */
    public static <T> T run(AuditLog audit, String action, String target, List<String> items,
            Supplier<Outcome<T>> operation) {
        Outcome<T> outcome;
        try {
            outcome = operation.get();
        } catch (RuntimeException e) {
            audit.record(action, target, items, AuditEntry.FAILED, e.getMessage());
            throw e;
        }
        audit.record(action, target, items, outcome.result(), outcome.detail());
        return outcome.value();
    }
}
