package dev.conflux.flowmanagement;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;

/** Who is calling, for the flow history: {@code shell:admin}, {@code jmx:ops1}. */
public final class Actor {

    private Actor() {
    }

    @SuppressWarnings("removal") // Karaf runs shell commands and JMX calls as the logged-in JAAS subject
    public static String current(String channel) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return channel + ":" + p.getName();
                }
            }
        }
        return channel + ":unknown";
    }
}
