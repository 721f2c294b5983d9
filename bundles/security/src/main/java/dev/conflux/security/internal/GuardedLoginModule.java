package dev.conflux.security.internal;

import dev.conflux.security.api.LoginGuard;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password login of the {@code karaf} realm with brute-force protection (see {@link ConfluxRealm}): asks the
 * {@link LoginGuard} first and refuses a locked account or address without checking the password; otherwise lets
 * Karaf's own {@link PropertiesLoginModule} check the password in {@code etc/users.properties}, reports the outcome
 * to the guard, and after a successful login rewrites a password stored in an older form (clear text, unsalted
 * SHA-512) in the current one. A login that brings no password (an SSH public key) is left to the other modules.
 */
public class GuardedLoginModule implements LoginModule {

    /** The option under which the realm hands over the guard. */
    static final String GUARD = LoginGuard.class.getName();

    private static final Logger SECURITY = LoggerFactory.getLogger("audit");
    private static final Logger LOG = LoggerFactory.getLogger(GuardedLoginModule.class);

    /** A login whose users file changed this recently is checked twice before it counts as a failure. */
    private static final long REWRITE_MILLIS = 2000;

    private PropertiesLoginModule passwords = new PropertiesLoginModule();
    private Subject subject;
    private CallbackHandler handler;
    private Map<String, ?> sharedState;
    private Map<String, ?> options;
    private LoginGuard guard;
    private boolean delegated;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.sharedState = sharedState;
        this.options = options;
        this.guard = (LoginGuard) options.get(GUARD);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (UnsupportedCallbackException notAPasswordLogin) {
            return false;
        } catch (IOException e) {
            throw new LoginException("Could not read the credentials: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        password.clearPassword();
        if (secret == null || name.getName() == null) {
            return false;
        }
        String user = name.getName();
        String plain = new String(secret);
        LoginChannel from = LoginChannel.of(subject);
        Instant until = guard == null ? null : guard.lockedUntil(user, from.address());
        if (until != null) {
            SECURITY.warn("LOGIN REFUSED user={} channel={} from={} locked until {}", LoginSecurityService.safe(user),
                    from.channel(), LoginSecurityService.safe(from.address()), until);
            throw new FailedLoginException("Too many failed logins: try again later");
        }
        passwords.initialize(subject, replay(user, secret), sharedState, options);
        delegated = true;
        try {
            passwords.login();
        } catch (FailedLoginException wrong) { // a wrong password or an unknown user; not a fault of the realm
            if (!recheckedAfterRewrite(user, secret)) {
                if (guard != null) {
                    guard.failed(user, from.address(), from.channel());
                }
                throw wrong;
            }
        }
        if (guard != null) {
            guard.succeeded(user, from.address(), from.channel());
        }
        upgrade(user, plain);
        return true;
    }

    @Override
    public boolean commit() throws LoginException {
        return delegated && passwords.commit();
    }

    @Override
    public boolean abort() throws LoginException {
        return delegated && passwords.abort();
    }

    @Override
    public boolean logout() throws LoginException {
        return delegated && passwords.logout();
    }

    /**
     * Karaf rewrites users.properties in place (hashing clear-text passwords): a login reading it at that moment finds
     * no user. When the file changed within the last moments, the login is checked once more on a fresh read before
     * it counts as a failure; true when that second check succeeded.
     */
    private boolean recheckedAfterRewrite(String user, char[] secret) {
        Object users = options.get("users");
        if (users == null) {
            return false;
        }
        File file = new File(users.toString());
        if (file.length() > 0 && System.currentTimeMillis() - file.lastModified() > REWRITE_MILLIS) {
            return false;
        }
        PropertiesLoginModule again = new PropertiesLoginModule();
        again.initialize(subject, replay(user, secret), sharedState, options);
        try {
            again.login();
        } catch (LoginException stillWrong) {
            return false;
        }
        passwords = again;
        return true;
    }

    /** Rewrites the user's password in the current form when it is stored in an older one. */
    private void upgrade(String user, String plain) {
        Object users = options.get("users");
        if (users == null) {
            return;
        }
        try {
            if (UsersFile.upgradePassword(Path.of(users.toString()), user, Passwords::needsUpgrade, () -> Passwords.hash(plain))) {
                SECURITY.info("PASSWORD UPGRADED user={} (now PBKDF2-HMAC-SHA-512)", LoginSecurityService.safe(user));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not upgrade the stored password of {}: {}", LoginSecurityService.safe(user), e.toString());
        }
    }

    /** Hands Karaf's module the credentials already read, so the client's handler is asked once. */
    private static CallbackHandler replay(String user, char[] secret) {
        return callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(secret);
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        };
    }
}
