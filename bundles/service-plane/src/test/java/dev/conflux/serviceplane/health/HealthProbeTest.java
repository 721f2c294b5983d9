package dev.conflux.serviceplane.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthReport.Status;
import dev.conflux.monitoring.api.HealthService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class HealthProbeTest {

    private static final Map<String, String> PASSWORDS = Map.of("prometheus", "p1", "orders-client", "c1",
            "viewer", "v1");
    private static final Map<String, Set<String>> ROLES = Map.of("prometheus", Set.of("monitor"), "orders-client",
            Set.of("consumer"), "viewer", Set.of("viewer"));

    private Status ready = Status.UP;
    private final HealthService health = new HealthService() {
        @Override
        public HealthReport liveness() {
            return new HealthReport(Status.UP, Instant.parse("2026-12-02T10:00:00Z"),
                    List.of(new Check("container", Status.UP, "running", true)));
        }

        @Override
        public HealthReport readiness() {
            return new HealthReport(ready, Instant.parse("2026-12-02T10:00:00Z"), List.of(
                    new Check("broker", ready, "acceptors accepting: core", true),
                    new Check("connector:partner-a", Status.DOWN, "sftp connector DOWN", false)));
        }
    };
    private final HealthProbe probe = new HealthProbe((user, password, client) ->
            password.equals(PASSWORDS.get(user)) ? ROLES.get(user) : null);

    @Test
    public void anonymousCallersGetTheStatusOnly() {
        HealthProbe.Answer a = probe.answer(health, true, null, "127.0.0.1");
        assertEquals(200, a.status());
        assertEquals("{\"status\":\"UP\"}", a.body());
        assertNull(a.challenge());
        ready = Status.DOWN;
        a = probe.answer(health, true, null, "127.0.0.1");
        assertEquals(503, a.status());
        assertEquals("{\"status\":\"DOWN\"}", a.body());
    }

    @Test
    public void aMonitoringAccountGetsEveryCheck() {
        HealthProbe.Answer a = probe.answer(health, true, basic("prometheus", "p1"), "127.0.0.1");
        assertEquals(200, a.status());
        assertEquals("{\"status\":\"UP\",\"checkedAt\":\"2026-12-02T10:00:00Z\",\"checks\":["
                + "{\"name\":\"broker\",\"status\":\"UP\",\"detail\":\"acceptors accepting: core\",\"decisive\":true},"
                + "{\"name\":\"connector:partner-a\",\"status\":\"DOWN\",\"detail\":\"sftp connector DOWN\","
                + "\"decisive\":false}]}", a.body());
        assertTrue(probe.answer(health, false, basic("viewer", "v1"), "127.0.0.1").body().contains("\"container\""));
    }

    @Test
    public void wrongCredentialsAreRefusedWithAChallengeAndNoReport() {
        for (String auth : List.of(basic("prometheus", "wrong"), basic("nobody", "x"), "Basic !!!",
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))) {
            HealthProbe.Answer a = probe.answer(health, true, auth, "127.0.0.1");
            assertEquals(auth, 401, a.status());
            assertEquals("Basic realm=\"conflux\", charset=\"UTF-8\"", a.challenge());
            assertTrue(a.body(), !a.body().contains("broker") && !a.body().contains("UP"));
        }
    }

    @Test
    public void anAccountWithoutAMonitoringRoleGetsTheStatusOnly() {
        assertEquals("{\"status\":\"UP\"}", probe.answer(health, true, basic("orders-client", "c1"), "::1").body());
        assertEquals("{\"status\":\"UP\"}", probe.answer(health, true, "Bearer abc.def.ghi", "::1").body());
    }

    @Test
    public void withoutTheHealthServiceTheContainerIsLiveButNotReady() {
        assertEquals(200, probe.answer(null, false, null, "127.0.0.1").status());
        HealthProbe.Answer ready = probe.answer(null, true, basic("prometheus", "p1"), "127.0.0.1");
        assertEquals(503, ready.status());
        assertTrue(ready.body(), ready.body().contains("the health service is not running"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
