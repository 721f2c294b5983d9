package dev.conflux.runtime.api;

import java.time.Instant;

/**
 * One entry of a flow's history: a deployment, a rejected edit, a rollback, a start or a stop.
 *
 * @param revision  the revision concerned (revisions are numbered per flow from 1; a revision is one distinct
 *                  content, so rolling back re-uses the old number); 0 for a rejected edit
 * @param sha256    content hash (for bundles: of symbolic name, version and last-modified time)
 * @param at        when
 * @param actor     who or what did it: {@code file}, {@code bundle}, {@code shell:admin}, {@code jmx:operator}, …
 * @param action    DEPLOY, REJECT, ROLLBACK, START, STOP, RESTART, FAIL
 * @param detail    free text: the outcome or the reason
 */
public record FlowRevision(int revision, String sha256, Instant at, String actor, String action, String detail) {
}
