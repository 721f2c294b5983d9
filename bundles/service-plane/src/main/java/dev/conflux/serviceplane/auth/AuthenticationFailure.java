package dev.conflux.serviceplane.auth;

/**
 * A caller that did not prove who it is (401) or is not allowed (403). The message is safe to show the client: it
 * says what is wrong in plain words and names no Java class.
 */
public final class AuthenticationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AuthenticationFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
