package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.serviceplane.api.EndpointPolicyInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class PolicyLoaderTest {

    private static final Map<String, String> OPEN = Map.of("path", "/api/orders, /services/orders", "policy", "none",
            "felix.fileinstall.filename", "file:/opt/conflux/etc/conflux.endpoint-sample-orders.cfg");

    @Test
    public void sourceIsNamedAfterItsFile() {
        PolicyLoader.Source s = PolicyLoader.source("conflux.endpoint~sample-orders", OPEN);
        assertEquals("sample-orders", s.name());
        assertEquals("etc/conflux.endpoint-sample-orders.cfg", s.file());
        assertEquals("configuration conflux.endpoint.abc", PolicyLoader.source("conflux.endpoint.abc", Map.of()).file());
    }

    @Test
    public void noneIsAllowedWithAWarningWhereAnyPathMayBeOpened() {
        PolicyLoader.Result r = new PolicyLoader(List.of("*")).load(List.of(PolicyLoader.source("p", OPEN)));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("etc/conflux.endpoint-sample-orders.cfg: policy = none: /api/orders, /services/orders"
                + " answer anyone without authentication"), r.warnings());
        assertEquals(Set.of("none"), r.table().match("/api/orders").schemes());
    }

    @Test
    public void noneIsRefusedUnlessListedAndTheEndpointAsksForCredentials() {
        PolicyLoader.Result r = new PolicyLoader(List.of("/api/status")).load(List.of(PolicyLoader.source("p", OPEN)));
        assertEquals(1, r.errors().size());
        String error = r.errors().get(0);
        assertTrue(error, error.startsWith("etc/conflux.endpoint-sample-orders.cfg: key 'policy': 'none' is refused in"
                + " this environment for /api/orders, /services/orders (not listed in anonymousPaths of"
                + " etc/conflux.serviceplane.cfg)"));
        assertEquals(Set.of("basic"), r.table().match("/api/orders").schemes());
        List<EndpointPolicyInfo> infos = r.infos(List.of("/api/*"));
        assertEquals(new EndpointPolicyInfo("/api/orders", "basic", "etc/conflux.endpoint-sample-orders.cfg (policy"
                + " none refused: not in anonymousPaths)", 0), infos.get(0));
        assertEquals(new EndpointPolicyInfo("/api/*", "basic", "default (paths without a policy)", 0), infos.get(2));

        PolicyLoader.Result listed = new PolicyLoader(List.of("/api/orders", "/services/orders"))
                .load(List.of(PolicyLoader.source("p", OPEN)));
        assertEquals(List.of(), listed.errors());
        assertEquals(Set.of("none"), listed.table().match("/services/orders").schemes());
    }

    @Test
    public void anInvalidPolicyRefusesEveryCallAndSaysSo() {
        PolicyLoader.Result r = new PolicyLoader(List.of("*")).load(List.of(PolicyLoader.source("p",
                Map.of("path", "/api/orders", "policy", "nonee"))));
        assertEquals(2, r.errors().size());
        assertTrue(r.errors().get(1), r.errors().get(1).contains("/api/orders refuse every call (403)"));
        assertEquals(Set.of(), r.table().match("/api/orders").schemes());
        assertEquals("refuse-all", r.infos(List.of()).get(0).policy());
    }
}
