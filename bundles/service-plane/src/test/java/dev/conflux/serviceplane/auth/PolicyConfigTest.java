package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class PolicyConfigTest {

    private static final String FILE = "etc/conflux.endpoint-orders.cfg";
    private final List<String> problems = new ArrayList<>();
    private final PolicyConfig config = new PolicyConfig(settings -> {
        if (!settings.containsKey("jwt.issuer")) {
            throw new IllegalArgumentException("key 'jwt.issuer' is required");
        }
        return token -> new Consumer("from-token", "jwt", Set.of());
    }, settings -> chain -> null);

    @Test
    public void readsPathsPolicyConsumersAndRateLimit() {
        EndpointPolicy p = config.parse("orders", FILE, Map.of("path", "/api/orders, /services/orders/*",
                "policy", "basic,apikey", "consumers", "shop, billing", "rateLimit", "5",
                "felix.fileinstall.filename", "file:/x/etc/conflux.endpoint-orders.cfg"), problems);
        assertEquals(List.of(), problems);
        assertEquals(List.of("/api/orders", "/services/orders/*"), p.paths());
        assertEquals(Set.of("basic", "apikey"), p.schemes());
        assertEquals(Set.of("shop", "billing"), p.consumers());
        assertEquals(5, p.rateLimit());
        assertEquals("basic,apikey", p.describe());
    }

    @Test
    public void policyDefaultsToBasic() {
        EndpointPolicy p = config.parse("orders", FILE, Map.of("path", "/api/orders"), problems);
        assertEquals(List.of(), problems);
        assertEquals(Set.of("basic"), p.schemes());
        assertEquals(0, p.rateLimit());
    }

    @Test
    public void misspeltKeyIsNamedWithTheFileAndASuggestionAndTheEndpointRefusesAll() {
        EndpointPolicy p = config.parse("orders", FILE, Map.of("path", "/api/orders", "polcy", "none"), problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith(FILE + ": key 'polcy' is not a key of an endpoint"
                + " policy (did you mean 'policy'?)"));
        assertEquals(Set.of(), p.schemes());
        assertEquals("refuse-all", p.describe());
    }

    @Test
    public void unknownPolicyGetsASuggestion() {
        EndpointPolicy p = config.parse("orders", FILE, Map.of("path", "/api/orders", "policy", "apikye"), problems);
        assertTrue(problems.toString(), problems.get(0).contains("key 'policy': 'apikye' is not a policy (did you"
                + " mean 'apikey'?)"));
        assertEquals(Set.of(), p.schemes());
    }

    @Test
    public void noneCannotBeCombined() {
        config.parse("orders", FILE, Map.of("path", "/api/orders", "policy", "none,basic"), problems);
        assertTrue(problems.toString(), problems.get(0).contains("'none' opens the endpoint to anyone and cannot be"
                + " combined with basic"));
    }

    @Test
    public void badPathsAndRateLimitsAreProblems() {
        assertNull(config.parse("orders", FILE, Map.of("path", "api/orders", "rateLimit", "-3"), problems));
        assertTrue(problems.toString(), problems.get(0).contains("key 'path': 'api/orders' is not a path pattern"));
        assertTrue(problems.toString(), problems.get(1).contains("key 'rateLimit': '-3' is not a number"));
        problems.clear();
        assertNull(config.parse("orders", FILE, Map.of("policy", "basic"), problems));
        assertTrue(problems.toString(), problems.get(0).contains("key 'path' is required"));
        problems.clear();
        config.parse("orders", FILE, Map.of("path", "/api/../etc"), problems);
        assertEquals(1, problems.size());
    }

    @Test
    public void jwtSettingsGoToTheFactoryWhoseComplaintIsAProblem() {
        EndpointPolicy ok = config.parse("orders", FILE, Map.of("path", "/api/orders", "policy", "jwt",
                "jwt.issuer", "https://issuer.example"), problems);
        assertEquals(List.of(), problems);
        assertEquals(Set.of("jwt"), ok.schemes());
        EndpointPolicy broken = config.parse("orders", FILE, Map.of("path", "/api/orders", "policy", "jwt"), problems);
        assertEquals(List.of(FILE + ": key 'jwt.issuer' is required"), problems);
        assertEquals(Set.of(), broken.schemes());
    }
}
