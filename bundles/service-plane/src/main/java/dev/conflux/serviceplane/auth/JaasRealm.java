package dev.conflux.serviceplane.auth;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * The container's JAAS realm {@code karaf} (etc/users.properties and whatever modules the realm has). The caller's
 * address travels as Karaf's {@link ClientPrincipal}, as Karaf's SSH server and JMX connector pass it, so the
 * realm's login guard counts a failure against the address and the channel {@code services} too.
 */
public final class JaasRealm implements PasswordRealm {

    /** The login guard's name for the service plane. */
    static final String CHANNEL = "services";

    private final String realm;

    public JaasRealm(String realm) {
        this.realm = realm;
    }

    @Override
    public Set<String> login(String user, String password, String clientAddress) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal(CHANNEL, clientAddress));
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback secret) {
                        secret.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            context.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName)
                    .collect(Collectors.toUnmodifiableSet());
            context.logout();
            return roles;
        } catch (LoginException e) {
            return null;
        }
    }
}
