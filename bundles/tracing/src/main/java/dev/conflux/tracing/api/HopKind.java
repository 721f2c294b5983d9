package dev.conflux.tracing.api;

/** What happened to a message at one hop of its trace. */
public enum HopKind {
    /** Entered Conflux: a REST/SOAP request, a message from outside on a broker protocol, a file, a poll, a timer. */
    RECEIVED,
    /** A flow put it on a queue or topic ({@link Hop#target()}: the destination). */
    SENT,
    /** A flow took it from a queue ({@link Hop#waitedMillis()}: how long it waited there). */
    CONSUMED,
    /** A flow called an external system, usually through a connector instance (target, outcome, duration). */
    CALLED,
    /** A step failed ({@link Hop#step()}, {@link Hop#error()}); a broker message goes back for redelivery. */
    FAILED,
    /** The broker delivered it again after a failure ({@link Hop#attempt()}). */
    REDELIVERED,
    /** The broker moved it to a dead-letter queue ({@link Hop#target()}: that queue). */
    DEAD_LETTERED,
    /** The broker dropped it when it expired. */
    EXPIRED,
    /** An operator sent a dead letter back to its queue ({@link Hop#actor()}, {@link Hop#auditId()}). */
    RETRIED,
    /** An operator resubmitted a dead letter with a changed body or properties. */
    RESUBMITTED,
    /** An operator moved it to another queue. */
    MOVED,
    /** An operator discarded (deleted or purged) it. */
    DISCARDED,
    /** A flow finished with it without error. */
    COMPLETED;

    /** True for the kinds that mean something went wrong. */
    public boolean failure() {
        return this == FAILED || this == DEAD_LETTERED || this == EXPIRED;
    }
}
