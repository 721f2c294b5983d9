package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.auth.Gate.Call;
import dev.conflux.serviceplane.auth.Gate.Decision;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GateTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private long nanos;

    /** The realm: shop (consumer), admin (no consumer role). */
    private final List<String> realmCalls = new ArrayList<>();
    private final PasswordRealm realm = (user, password, client) -> {
        realmCalls.add(user + " from " + client);
        if (user.equals("shop") && password.equals("s3cret:with-colon")) {
            return Set.of("consumer");
        }
        return user.equals("admin") && password.equals("pw") ? Set.of("admin", "viewer") : null;
    };

    /** Records what it is told; locks whatever is in {@code locked}. */
    private final List<String> guardCalls = new ArrayList<>();
    private final Map<String, Instant> locked = new HashMap<>();
    private final LoginGuard guard = new LoginGuard() {
        @Override
        public Instant lockedUntil(String account, String clientAddress) {
            return locked.get(account);
        }

        @Override
        public void failed(String account, String clientAddress, String channel) {
            guardCalls.add("failed " + account + " " + clientAddress + " " + channel);
        }

        @Override
        public void succeeded(String account, String clientAddress, String channel) {
            guardCalls.add("succeeded " + account + " " + clientAddress + " " + channel);
        }

        @Override
        public boolean unlock(String account) {
            return false;
        }

        @Override
        public List<Lockout> lockouts() {
            return List.of();
        }
    };

    private ApiKeyStore keys;
    private Gate gate(EndpointPolicy... policies) {
        keys = new ApiKeyStore(dir.getRoot().toPath().resolve("keys"), clock, new SecureRandom());
        PolicyTable table = new PolicyTable(List.of(policies));
        return new Gate(() -> table, keys, realm, () -> guard, new RateLimiter(() -> nanos), clock);
    }

    private static EndpointPolicy policy(String path, Set<String> schemes, Set<String> consumers, int rate) {
        return new EndpointPolicy("p", "etc/conflux.endpoint-p.cfg", List.of(path), schemes, consumers, rate,
                token -> {
                    if (!token.equals("good-token")) {
                        throw new AuthenticationFailure(401, "The token's signature is not valid.");
                    }
                    return new Consumer("svc", "jwt", Set.of("orders:write"));
                }, null);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Call call(String path, String authorization) {
        return new Call(path, authorization, null, null, "127.0.0.9");
    }

    @Test
    public void byDefaultAConsumerAccountIsAdmittedWithBasic() {
        Gate gate = gate();
        Decision d = gate.decide(call("/api/orders", basic("shop", "s3cret:with-colon")));
        assertTrue(d.allowed());
        assertEquals("shop", d.consumer().name());
        assertEquals("basic", d.consumer().scheme());
        assertEquals("the realm hears the address, and reports to the guard itself", List.of("shop from 127.0.0.9"), realmCalls);
        assertEquals(List.of(), guardCalls);
    }

    @Test
    public void withoutCredentials401ChallengesForWhatThePolicyAccepts() {
        Decision d = gate().decide(call("/api/orders", null));
        assertEquals(401, d.status());
        assertEquals(List.of("Basic realm=\"conflux\", charset=\"UTF-8\""), d.challenges());
        assertTrue(d.detail(), d.detail().startsWith("Authentication required: send HTTP Basic credentials"));

        Decision jwt = gate(policy("/api/*", Set.of("jwt", "apikey"), Set.of(), 0)).decide(call("/api/x", "Basic eDp5"));
        assertEquals(401, jwt.status());
        assertEquals(List.of("Bearer realm=\"conflux\"", "ApiKey realm=\"conflux\""), jwt.challenges());
        assertTrue(jwt.detail(), jwt.detail().startsWith("This endpoint does not accept 'Basic' credentials"));
        assertTrue(realmCalls.isEmpty());
    }

    @Test
    public void wrongPasswordIs401AndCountedOnceByTheRealmNotAgainByTheGate() {
        Decision d = gate().decide(call("/services/orders", basic("shop", "wrong")));
        assertEquals(401, d.status());
        assertEquals("Wrong user name or password.", d.detail());
        assertEquals(List.of(), guardCalls);
        assertEquals(401, gate().decide(call("/api/x", "Basic !!!notbase64")).status());
    }

    @Test
    public void aRealmUserWithoutTheConsumerRoleIs403() {
        Decision d = gate().decide(call("/api/orders", basic("admin", "pw")));
        assertEquals(403, d.status());
        assertEquals("The account 'admin' is not a service consumer (group 'consumers').", d.detail());
    }

    @Test
    public void aLockedAccountIsRefusedWithoutCheckingThePassword() {
        locked.put("shop", NOW.plusSeconds(30));
        Decision d = gate().decide(call("/api/orders", basic("shop", "s3cret:with-colon")));
        assertEquals(429, d.status());
        assertEquals(30, d.retryAfter());
        assertTrue(realmCalls.isEmpty());
        locked.put("shop", NOW.minusSeconds(1)); // expired lock: checked again
        assertTrue(gate().decide(call("/api/orders", basic("shop", "s3cret:with-colon"))).allowed());
    }

    @Test
    public void openEndpointsAdmitAnyoneWithoutAConsumer() {
        Decision d = gate(policy("/api/orders", Set.of("none"), Set.of(), 0)).decide(call("/api/orders", null));
        assertTrue(d.allowed());
        assertNull(d.consumer());
    }

    @Test
    public void apiKeysInEitherHeaderUntilRevoked() {
        Gate gate = gate(policy("/api/*", Set.of("apikey"), Set.of(), 0));
        String key = keys.create("billing", null).secret();
        Decision byAuthorization = gate.decide(call("/api/x", "ApiKey " + key));
        assertEquals("billing", byAuthorization.consumer().name());
        Decision byHeader = gate.decide(new Call("/api/x", null, key, null, "127.0.0.9"));
        assertEquals("apikey", byHeader.consumer().scheme());
        String id = ApiKeyStore.idOf(key);
        keys.revoke(id);
        Decision revoked = gate.decide(call("/api/x", "ApiKey " + key));
        assertEquals(401, revoked.status());
        assertEquals("The API key has been revoked.", revoked.detail());
        assertEquals(List.of("succeeded apikey:" + id + " 127.0.0.9 services",
                "succeeded apikey:" + id + " 127.0.0.9 services", "failed apikey:" + id + " 127.0.0.9 services"),
                guardCalls);
        locked.put("apikey:malformed", NOW.plusSeconds(5));
        assertEquals(429, gate.decide(call("/api/x", "ApiKey guess")).status());
    }

    @Test
    public void bearerTokensGoToThePolicysVerifier() {
        Gate gate = gate(policy("/api/*", Set.of("jwt"), Set.of(), 0));
        assertEquals("svc", gate.decide(call("/api/x", "Bearer good-token")).consumer().name());
        Decision bad = gate.decide(call("/api/x", "Bearer forged"));
        assertEquals(401, bad.status());
        assertEquals("The token's signature is not valid.", bad.detail());
        assertEquals(List.of("Bearer realm=\"conflux\""), bad.challenges());
    }

    @Test
    public void consumersOutsideTheAllowListAre403() {
        Gate gate = gate(policy("/api/*", Set.of("basic"), Set.of("billing"), 0));
        Decision d = gate.decide(call("/api/x", basic("shop", "s3cret:with-colon")));
        assertEquals(403, d.status());
        assertEquals("The consumer 'shop' is not allowed to call this endpoint.", d.detail());
        assertEquals("named for API usage", "shop", d.consumer().name());
    }

    @Test
    public void overTheRateLimit429WithRetryAfter() {
        Gate gate = gate(policy("/api/*", Set.of("basic"), Set.of(), 2));
        String shop = basic("shop", "s3cret:with-colon");
        assertTrue(gate.decide(call("/api/x", shop)).allowed());
        assertTrue(gate.decide(call("/api/x", shop)).allowed());
        Decision limited = gate.decide(call("/api/x", shop));
        assertEquals(429, limited.status());
        assertEquals(1, limited.retryAfter());
        assertEquals("named for API usage", "shop", limited.consumer().name());
        nanos += 600_000_000L;
        assertTrue(gate.decide(call("/api/x", shop)).allowed());
    }

    @Test
    public void aBrokenPolicyRefusesEveryone() {
        Decision d = gate(policy("/api/x", Set.of(), Set.of(), 0)).decide(call("/api/x", basic("shop", "s3cret:with-colon")));
        assertEquals(403, d.status());
        assertTrue(realmCalls.isEmpty());
    }
}
