package dev.conflux.audit.api;

import java.time.Instant;
import java.util.List;

/**
 * One operator action.
 *
 * @param user   who: the logged-in user, or {@code system}
 * @param from   where from: the client as the container saw it ({@code hawtio(10.0.0.7:51234)}, {@code ssh(...)}),
 *               or {@code local}
 * @param action what: {@code queue.purge}, {@code deadletter.retry}, {@code flow.stop}, ...
 * @param target on which queue or flow
 * @param items  on which messages (message ids), when the action is about messages
 * @param result {@code OK} or {@code FAILED}
 * @param detail counts, reasons, the error of a failed action
 */
public record AuditEntry(long seq, Instant at, String user, String from, String action, String target,
        List<String> items, String result, String detail) {

    public static final String OK = "OK";
    public static final String FAILED = "FAILED";
}
