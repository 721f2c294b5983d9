package dev.conflux.audit.api;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;

/**
 * Who is calling and from where, as Karaf's login put it into the caller's JAAS subject: Karaf runs shell commands
 * and JMX/Jolokia calls as the logged-in subject, with a {@code UserPrincipal} and, for SSH and the console, a
 * {@code ClientPrincipal} naming the client ({@code hawtio(10.0.0.7:51234)}, {@code ssh(/10.0.0.7:40022)}).
 *
 * @param user the user name, or null when no user is logged in (the container itself)
 * @param from the client, or null when Karaf did not record one
 */
public record Caller(String user, String from) {

    @SuppressWarnings("removal") // the JAAS subject of the current access control context is how Karaf passes it on
    public static Caller current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = null;
        String from = null;
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                String type = p.getClass().getSimpleName();
                if (type.equals("UserPrincipal")) {
                    user = p.getName();
                } else if (type.equals("ClientPrincipal")) {
                    from = p.getName();
                }
            }
        }
        return new Caller(user, from);
    }
}
