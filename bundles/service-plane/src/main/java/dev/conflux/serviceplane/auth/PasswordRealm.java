package dev.conflux.serviceplane.auth;

import java.util.Set;

/**
 * Checks a user name and password against the container's realm. The realm itself reports the outcome to the login
 * guard (failures count against the account and the client address), so callers must not report it again.
 */
public interface PasswordRealm {

    /** The user's roles, or null when the name or password is wrong (or the account is locked). */
    Set<String> login(String user, String password, String clientAddress);
}
