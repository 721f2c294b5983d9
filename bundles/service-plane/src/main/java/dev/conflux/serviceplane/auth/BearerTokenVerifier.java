package dev.conflux.serviceplane.auth;

/** Checks an OAuth2 bearer token (the part after {@code Authorization: Bearer }). */
public interface BearerTokenVerifier {

    Consumer verify(String token) throws AuthenticationFailure;
}
