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
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** The container's JAAS realm {@code karaf} (etc/users.properties and whatever modules the realm has). */
public final class JaasRealm implements PasswordRealm {

    private final String realm;

    public JaasRealm(String realm) {
        this.realm = realm;
    }

    @Override
    public Set<String> login(String user, String password) {
        Subject subject = new Subject();
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
