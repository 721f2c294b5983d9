package dev.conflux.integrations.api;

import java.time.Instant;
import java.util.Map;

/**
 * One integration made from a template, with where it stands in its approval and, once deployed, how its flow runs.
 *
 * @param name              its name, also the name of its flow ({@code flows/<name>.yaml})
 * @param title             what its author calls it
 * @param template          the template's id
 * @param templateVersion   the template's version it was made with
 * @param parameters        the values of the template's parameters: the current proposal (draft, pending or deployed)
 * @param owner             who made it; only they (and admins) may change it
 * @param status            where it stands
 * @param deletion          whether the pending request is to delete it
 * @param deployed          whether a version of it is deployed (it may run while a change waits for approval)
 * @param submittedBy       who submitted the pending or last approved request
 * @param decidedBy         who approved or rejected it last
 * @param comment           the approver's comment on the last decision
 * @param updatedAt         when it last changed
 * @param flowState         its flow's state (STARTED, STOPPED, FAILED), or null when not deployed
 * @param processed         messages its flow completed since {@code processedSince}
 * @param processedSince    the start of today, or when the flow started if that was later
 * @param failed            of those, how many failed
 * @param lastError         the flow's last error in plain words, or null
 */
public record Integration(String name, String title, String template, int templateVersion,
        Map<String, String> parameters, String owner, Status status, boolean deletion, boolean deployed,
        String submittedBy, String decidedBy, String comment, Instant updatedAt, String flowState, long processed,
        Instant processedSince, long failed, String lastError) {

    public Integration {
        parameters = Map.copyOf(parameters);
    }

    public enum Status {
        /** Being edited by its author; not submitted. */
        DRAFT,
        /** Submitted; waits for an approver. */
        PENDING,
        /** Refused by an approver (see the comment); its author may change it and submit it again. */
        REJECTED,
        /** Approved and deployed as it is. */
        APPROVED
    }
}
