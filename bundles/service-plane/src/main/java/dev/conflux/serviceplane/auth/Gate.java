package dev.conflux.serviceplane.auth;

import dev.conflux.security.api.LoginGuard;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a request may reach its endpoint: finds the endpoint's policy, checks the credentials the
 * request carries against what the policy accepts, then the consumer allow-list and the rate limit. Knows nothing
 * of servlets: the filter in front of the servlets hands it a {@link Call} and answers its {@link Decision}.
 */
public final class Gate {

    /** What of a request matters here. {@code apiKey} is the {@code X-API-Key} header. */
    public record Call(String path, String authorization, String apiKey, X509Certificate[] certificates,
            String clientAddress) {
    }

    /**
     * Allowed ({@code status} 0, {@code consumer} null for an open endpoint) or refused with a status, a sentence
     * for the client, the {@code WWW-Authenticate} challenges (401) and {@code Retry-After} seconds (429). A refusal
     * of an identified consumer (not on the allow list, over the rate limit) names it, for API usage; it is never
     * passed to a flow.
     */
    public record Decision(int status, Consumer consumer, String detail, List<String> challenges, long retryAfter) {
        static Decision allow(Consumer consumer) {
            return new Decision(0, consumer, null, List.of(), 0);
        }

        static Decision refuse(int status, String detail) {
            return new Decision(status, null, detail, List.of(), 0);
        }

        public boolean allowed() {
            return status == 0;
        }
    }

    /** The channel reported to the login guard. */
    static final String CHANNEL = "services";
    static final String REALM = "conflux";

    private final Supplier<PolicyTable> policies;
    private final ApiKeyStore keys;
    private final PasswordRealm realm;
    private final Supplier<LoginGuard> guard;
    private final RateLimiter limiter;
    private final Clock clock;

    public Gate(Supplier<PolicyTable> policies, ApiKeyStore keys, PasswordRealm realm, Supplier<LoginGuard> guard,
            RateLimiter limiter, Clock clock) {
        this.policies = policies;
        this.keys = keys;
        this.realm = realm;
        this.guard = guard;
        this.limiter = limiter;
        this.clock = clock;
    }

    public Decision decide(Call call) {
        EndpointPolicy policy = policies.get().match(call.path());
        if (policy.schemes().isEmpty()) {
            return Decision.refuse(403, "This endpoint's access policy is invalid, so it refuses every call; the"
                    + " server log names the problem.");
        }
        if (policy.open()) {
            return Decision.allow(null);
        }
        Decision d = authenticate(policy, call);
        if (!d.allowed()) {
            return d;
        }
        Consumer consumer = d.consumer();
        if (!policy.consumers().isEmpty() && !policy.consumers().contains(consumer.name())) {
            return new Decision(403, consumer, "The consumer '" + consumer.name() + "' is not allowed to call this"
                    + " endpoint.", List.of(), 0);
        }
        long wait = limiter.acquire(policy.name() + "\n" + consumer.name(), policy.rateLimit());
        if (wait > 0) {
            return new Decision(429, consumer, "Rate limit of " + policy.rateLimit() + " requests per second exceeded;"
                    + " retry after " + wait + " s.", List.of(), wait);
        }
        return d;
    }

    private Decision authenticate(EndpointPolicy policy, Call call) {
        Set<String> schemes = policy.schemes();
        String auth = call.authorization() == null ? "" : call.authorization().trim();
        String scheme = auth.contains(" ") ? auth.substring(0, auth.indexOf(' ')) : auth;
        String credentials = auth.substring(scheme.length()).trim();
        if (call.apiKey() != null && !call.apiKey().isBlank() && auth.isEmpty()) {
            scheme = "ApiKey";
            credentials = call.apiKey().trim();
        }
        try {
            if (scheme.equalsIgnoreCase("Basic") && schemes.contains(EndpointPolicy.BASIC)) {
                return basic(credentials, call.clientAddress());
            }
            if (scheme.equalsIgnoreCase("ApiKey") && schemes.contains(EndpointPolicy.APIKEY)) {
                return apiKey(credentials, call.clientAddress());
            }
            if (scheme.equalsIgnoreCase("Bearer") && schemes.contains(EndpointPolicy.JWT)) {
                return Decision.allow(policy.jwt().verify(credentials));
            }
            if (scheme.isEmpty() && call.certificates() != null && call.certificates().length > 0
                    && schemes.contains(EndpointPolicy.MTLS)) {
                return Decision.allow(policy.mtls().map(call.certificates()));
            }
        } catch (AuthenticationFailure failure) {
            return failure.status() == 401 ? unauthorized(policy, failure.getMessage())
                    : Decision.refuse(failure.status(), failure.getMessage());
        }
        return unauthorized(policy, scheme.isEmpty() ? "Authentication required: send " + accepted(policy) + "."
                : "This endpoint does not accept '" + printable(scheme) + "' credentials: send " + accepted(policy) + ".");
    }

    private Decision basic(String credentials, String client) throws AuthenticationFailure {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailure(401, "The Basic credentials are not valid Base64 of user:password.");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new AuthenticationFailure(401, "The Basic credentials are not of the form user:password.");
        }
        String user = decoded.substring(0, colon);
        Decision locked = locked(user, client);
        if (locked != null) {
            return locked;
        }
        // The realm reports the outcome to the login guard itself (account, address, channel): not again here.
        Set<String> roles = realm.login(user, decoded.substring(colon + 1), client);
        if (roles == null) {
            throw new AuthenticationFailure(401, "Wrong user name or password.");
        }
        if (!roles.contains(EndpointPolicy.CONSUMER_ROLE)) {
            return Decision.refuse(403, "The account '" + printable(user) + "' is not a service consumer (group"
                    + " 'consumers').");
        }
        return Decision.allow(new Consumer(user, EndpointPolicy.BASIC, Set.copyOf(roles)));
    }

    private Decision apiKey(String presented, String client) throws AuthenticationFailure {
        String id = ApiKeyStore.idOf(presented);
        String account = "apikey:" + (id == null ? "malformed" : id);
        Decision locked = locked(account, client);
        if (locked != null) {
            return locked;
        }
        ApiKeyStore.Check check = keys.check(presented);
        LoginGuard g = guard.get();
        if (check.refusal() != null) {
            if (g != null) {
                g.failed(account, client, CHANNEL);
            }
            throw new AuthenticationFailure(401, check.refusal());
        }
        if (g != null) {
            g.succeeded(account, client, CHANNEL);
        }
        return Decision.allow(new Consumer(check.key().consumer(), EndpointPolicy.APIKEY, Set.of()));
    }

    /** 429 with the time left when the guard locked the account or address; null when it may try. */
    private Decision locked(String account, String client) {
        LoginGuard g = guard.get();
        Instant until = g == null ? null : g.lockedUntil(account, client);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            return null;
        }
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        return new Decision(429, null, "Too many failed attempts: try again in " + seconds + " s.", List.of(), seconds);
    }

    private static Decision unauthorized(EndpointPolicy policy, String detail) {
        List<String> challenges = new ArrayList<>();
        if (policy.schemes().contains(EndpointPolicy.BASIC)) {
            challenges.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (policy.schemes().contains(EndpointPolicy.JWT)) {
            challenges.add("Bearer realm=\"" + REALM + "\"");
        }
        if (policy.schemes().contains(EndpointPolicy.APIKEY)) {
            challenges.add("ApiKey realm=\"" + REALM + "\"");
        }
        return new Decision(401, null, detail, challenges, 0);
    }

    private static String accepted(EndpointPolicy policy) {
        List<String> ways = new ArrayList<>();
        Set<String> s = policy.schemes();
        if (s.contains(EndpointPolicy.BASIC)) {
            ways.add("HTTP Basic credentials of a consumer account");
        }
        if (s.contains(EndpointPolicy.APIKEY)) {
            ways.add("an API key (Authorization: ApiKey <key> or X-API-Key)");
        }
        if (s.contains(EndpointPolicy.JWT)) {
            ways.add("a bearer token (Authorization: Bearer <token>)");
        }
        if (s.contains(EndpointPolicy.MTLS)) {
            ways.add("a client certificate");
        }
        return String.join(" or ", ways);
    }

    private static String printable(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < 40; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return b.toString();
    }
}
