package dev.conflux.serviceplane.auth;

import java.util.Set;

/** Checks a user name and password against the container's realm. */
public interface PasswordRealm {

    /** The user's roles, or null when the name or password is wrong. */
    Set<String> login(String user, String password);
}
