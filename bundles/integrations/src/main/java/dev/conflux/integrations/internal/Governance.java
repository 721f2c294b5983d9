package dev.conflux.integrations.internal;

import dev.conflux.integrations.api.IntegrationException;
import dev.conflux.integrations.api.Requester;
import dev.conflux.integrations.api.Template;
import java.util.Set;

/**
 * Who may do what, decided on the server for every call (docs/citizen-integrators.md, "For IT"):
 * <ul>
 * <li>a template is usable when this environment publishes it and the requester has one of its roles (admins
 * always);</li>
 * <li>an integration is changed, submitted, paused or deleted only by its owner or an admin;</li>
 * <li>a decision is taken by an approver or an admin; under {@code four-eyes}, never by the integration's owner or
 * the one who submitted it; under {@code self}, also by its owner.</li>
 * </ul>
 *
 * @param published the templates this environment offers ("*" for all)
 * @param rule      {@value #FOUR_EYES} or {@value #SELF}
 */
record Governance(Set<String> published, String rule) {

    static final String FOUR_EYES = "four-eyes";
    static final String SELF = "self";

    Governance {
        if (!FOUR_EYES.equals(rule) && !SELF.equals(rule)) {
            throw new IllegalArgumentException("approval must be " + FOUR_EYES + " or " + SELF + ", not '" + rule + "'");
        }
        published = Set.copyOf(published);
    }

    boolean isPublished(String template) {
        return published.contains("*") || published.contains(template);
    }

    boolean mayUse(Requester who, Template template) {
        return isPublished(template.id())
                && (who.has(Requester.ADMIN) || template.roles().stream().anyMatch(who::has));
    }

    boolean mayUseAny(Requester who) {
        return who.has(Requester.ADMIN) || who.has(Requester.INTEGRATOR);
    }

    void requireUser(Requester who) {
        if (who.user() == null || who.user().isBlank()) {
            throw new IntegrationException("no user is logged in");
        }
    }

    boolean mayChange(Requester who, StoredIntegration i) {
        return who.has(Requester.ADMIN) || who.has(Requester.INTEGRATOR) && i.owner().equals(who.user());
    }

    boolean maySee(Requester who, StoredIntegration i) {
        return mayChange(who, i) || who.has(Requester.APPROVER);
    }

    boolean mayDecide(Requester who, StoredIntegration i) {
        if (SELF.equals(rule)) {
            return who.has(Requester.ADMIN) || who.has(Requester.APPROVER) || mayChange(who, i);
        }
        return (who.has(Requester.ADMIN) || who.has(Requester.APPROVER)) && !i.owner().equals(who.user())
                && !who.user().equals(i.submittedBy());
    }

    /** Whether a deployed integration's deletion waits for an approver. */
    boolean deletionNeedsApproval() {
        return FOUR_EYES.equals(rule);
    }
}
