package dev.conflux.integrations.api;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;

/**
 * Who asks, with the roles the container's realm gave them: what every {@link IntegrationService} call is checked
 * against. Front ends pass {@link #current()}: Karaf runs JMX, Jolokia and shell calls as the logged-in subject.
 *
 * @param user  the user name, or null for the container itself
 * @param roles the user's roles (integrator, approver, admin, viewer, …)
 */
public record Requester(String user, Set<String> roles) {

    public static final String INTEGRATOR = "integrator";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";

    public Requester {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    @SuppressWarnings("removal") // the JAAS subject of the current access control context is how Karaf passes it on
    public static Requester current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = null;
        Set<String> roles = new TreeSet<>();
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                String type = p.getClass().getSimpleName();
                if (type.equals("UserPrincipal")) {
                    user = p.getName();
                } else if (type.equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
        }
        return new Requester(user, roles);
    }
}
