package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import java.util.List;
import java.util.function.Supplier;

/** Runs an operator action on messages and records it, with its outcome, in the audit trail. */
public final class Audited {

    /** How many messages the action touched, and what to say about it. */
    public record Outcome(int count, String detail) {
    }

    private Audited() {
    }

    public static int run(AuditLog audit, String action, String target, List<String> items, Supplier<Outcome> operation) {
        Outcome outcome;
        try {
            outcome = operation.get();
        } catch (RuntimeException e) {
            audit.record(action, target, items, AuditEntry.FAILED, e.getMessage());
            throw e;
        }
        audit.record(action, target, items, AuditEntry.OK, outcome.detail());
        return outcome.count();
    }

    /** Checks the ids a caller gave: the broker's message ids are numbers. */
    public static List<String> ids(String[] messageIds) {
        if (messageIds == null || messageIds.length == 0) {
            throw new IllegalArgumentException("No message ids given");
        }
        for (String id : messageIds) {
            if (id == null || !id.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("'" + id + "' is not a message id (the broker's ids are numbers)");
            }
        }
        return List.of(messageIds);
    }
}
