package dev.conflux.integrations.internal;

import dev.conflux.integrations.api.Integration.Status;
import dev.conflux.integrations.api.IntegrationException;
import dev.conflux.integrations.api.Requester;
import java.util.function.Supplier;

/**
 * Finds an integration for a requester, refusing with the reason what {@link Governance} does not let them do: see,
 * change, or decide on it (and only on the version they reviewed).
 */
final class Access {

    private final IntegrationStore store;
    private final Supplier<Governance> governance;

    Access(IntegrationStore store, Supplier<Governance> governance) {
        this.store = store;
        this.governance = governance;
    }

    StoredIntegration find(String name) {
        if (name == null || !Integrations.NAME.matcher(name).matches()) {
            throw new IntegrationException("no integration named '" + name + "'");
        }
        StoredIntegration i = store.get(name)
                .orElseThrow(() -> new IntegrationException("no integration named '" + name + "'"));
        if (!name.equals(i.name())) {
            throw new IntegrationException("integration " + name + "'s record names another one; ask IT to check it");
        }
        return i;
    }

    private static boolean sameTime(String a, String b) {
        try {
            return a != null && b != null && java.time.Instant.parse(a).equals(java.time.Instant.parse(b));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    StoredIntegration visible(String name, Requester who) {
        governance.get().requireUser(who);
        StoredIntegration i = find(name);
        if (!governance.get().maySee(who, i)) {
            throw new IntegrationException("integration " + name + " belongs to " + i.owner());
        }
        return i;
    }

    StoredIntegration owned(String name, Requester who) {
        Governance rules = governance.get();
        rules.requireUser(who);
        StoredIntegration i = find(name);
        if (!rules.mayChange(who, i)) {
            throw new IntegrationException("integration " + name + " belongs to " + i.owner()
                    + "; only they (or an admin) may change it");
        }
        return i;
    }

    StoredIntegration deployedOwned(String name, Requester who) {
        StoredIntegration i = owned(name, who);
        if (!i.deployed()) {
            throw new IntegrationException("integration " + name + " is not deployed");
        }
        return i;
    }

    StoredIntegration pendingFor(String name, String reviewed, Requester who) {
        Governance rules = governance.get();
        rules.requireUser(who);
        StoredIntegration i = find(name);
        if (i.status() != Status.PENDING) {
            throw new IntegrationException("integration " + name + " is " + i.status() + ", not waiting for a decision");
        }
        if (!sameTime(reviewed, i.updatedAt())) {
            throw new IntegrationException("integration " + name + " changed since you read it (at " + i.updatedAt()
                    + "); read it again before deciding");
        }
        if (!rules.mayDecide(who, i)) {
            throw new IntegrationException(Governance.FOUR_EYES.equals(rules.rule())
                    && (i.owner().equals(who.user()) || who.user().equals(i.submittedBy()))
                    ? "four eyes: someone other than " + who.user() + " must decide on " + name
                    : "deciding on integrations is for approvers");
        }
        return i;
    }
}
