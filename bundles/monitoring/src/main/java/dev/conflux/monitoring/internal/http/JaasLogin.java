package dev.conflux.monitoring.internal.http;

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
 * A password login against the container's JAAS realm. The caller's address travels as Karaf's
 * {@link ClientPrincipal} (channel {@value #CHANNEL}), so the realm's login guard counts failures here too.
 */
public class JaasLogin {

    static final String CHANNEL = "metrics";

    private final String realm;

    public JaasLogin(String realm) {
        this.realm = realm;
    }

    /** The user's roles, or null when the login failed. */
    public Set<String> login(String user, String password, String clientAddress) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal(CHANNEL, clientAddress));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The realm's proxy login module is loaded through the context class loader; Karaf's boot classes see it.
        thread.setContextClassLoader(ClientPrincipal.class.getClassLoader());
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
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
