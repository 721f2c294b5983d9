package dev.conflux.security.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Logs in against the container's realm {@code karaf} and admits only accounts holding a role the broker grants
 * rights to ({@value #ADMIN}, {@value #BROKER}); anyone else (a service consumer, a console viewer) is refused at
 * connect, as if the password were wrong. The realm's own checks (password, lockout) apply unchanged.
 */
public class BrokerLoginModule implements LoginModule {

    static final String ADMIN = "admin";
    static final String BROKER = "broker";
    static final String REALM = "karaf";

    private Subject subject;
    private CallbackHandler handler;
    private Subject inner;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.handler = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("the client's credentials cannot be read");
        }
        char[] secret = password.getPassword() == null ? new char[0] : password.getPassword();
        Subject checked = new Subject();
        LoginContext context = new LoginContext(REALM, checked, callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(name.getName());
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(secret);
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        });
        context.login();
        if (!brokerRights(checked)) {
            context.logout();
            throw new FailedLoginException("the account has no broker rights");
        }
        inner = checked;
        return true;
    }

    static boolean brokerRights(Subject subject) {
        Set<RolePrincipal> roles = subject.getPrincipals(RolePrincipal.class);
        return roles.stream().anyMatch(r -> ADMIN.equals(r.getName()) || BROKER.equals(r.getName()));
    }

    @Override
    public boolean commit() {
        if (inner == null) {
            return false;
        }
        subject.getPrincipals().addAll(inner.getPrincipals());
        return true;
    }

    @Override
    public boolean abort() {
        inner = null;
        return true;
    }

    @Override
    public boolean logout() {
        if (inner != null) {
            subject.getPrincipals().removeAll(inner.getPrincipals());
            inner = null;
        }
        return true;
    }
}
