package dev.conflux.integrations.internal;

import dev.conflux.integrations.api.Integration.Status;
import java.util.Map;

/**
 * An integration as it is kept on disk ({@code data/conflux/integrations/<name>.json}): the proposal and, apart from
 * it, what was approved and deployed.
 *
 * @param deployedParameters the values deployed, or null when none are
 * @param deployedVersion    the template version deployed, 0 when none
 * @param updatedAt          ISO-8601
 */
record StoredIntegration(String name, String title, String template, int templateVersion,
        Map<String, String> parameters, String owner, Status status, boolean deletion, String submittedBy,
        String decidedBy, String comment, String updatedAt, Map<String, String> deployedParameters,
        int deployedVersion) {

    boolean deployed() {
        return deployedParameters != null;
    }

    StoredIntegration with(Status newStatus, boolean newDeletion, String newSubmittedBy, String newDecidedBy,
            String newComment, String now) {
        return new StoredIntegration(name, title, template, templateVersion, parameters, owner, newStatus, newDeletion,
                newSubmittedBy, newDecidedBy, newComment, now, deployedParameters, deployedVersion);
    }

    StoredIntegration proposing(String newTitle, int version, Map<String, String> values, String now) {
        return new StoredIntegration(name, newTitle, template, version, values, owner, Status.DRAFT, false, null,
                decidedBy, comment, now, deployedParameters, deployedVersion);
    }

    StoredIntegration deployedAs(Map<String, String> values, int version) {
        return new StoredIntegration(name, title, template, templateVersion, parameters, owner, status, deletion,
                submittedBy, decidedBy, comment, updatedAt, values, version);
    }
}
