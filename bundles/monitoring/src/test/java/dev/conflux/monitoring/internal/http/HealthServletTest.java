package dev.conflux.monitoring.internal.http;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthReport.Status;
import dev.conflux.monitoring.api.HealthService;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The probes' JSON: the status alone for anonymous callers, every check for readers; without the service. */
public class HealthServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthReport report = new HealthReport(Status.DOWN, Instant.parse("2026-12-02T10:00:00Z"), List.of(
            new Check("broker", Status.DOWN, "not started", true),
            new Check("connector:partner-a", Status.UP, "200", false)));

    @Test
    public void anonymousCallersSeeTheStatusAndNothingElse() throws Exception {
        assertEquals("{\"status\":\"DOWN\"}", JSON.writeValueAsString(HealthServlet.render(report, false)));
    }

    @Test
    public void readersSeeEveryCheck() throws Exception {
        assertEquals("{\"status\":\"DOWN\",\"checkedAt\":\"2026-12-02T10:00:00Z\",\"checks\":["
                + "{\"name\":\"broker\",\"status\":\"DOWN\",\"detail\":\"not started\",\"decisive\":true},"
                + "{\"name\":\"connector:partner-a\",\"status\":\"UP\",\"detail\":\"200\",\"decisive\":false}]}",
                JSON.writeValueAsString(HealthServlet.render(report, true)));
    }

    @Test
    public void withoutTheHealthServiceLiveIsUpAndReadyDown() {
        assertEquals(Status.UP, HealthServlet.live(null).status());
        HealthReport ready = HealthServlet.ready(null);
        assertEquals(Status.DOWN, ready.status());
        assertEquals("monitoring", ready.checks().get(0).name());
        assertEquals("health service not running", ready.checks().get(0).detail());
    }

    @Test
    public void theServiceDecidesWhenItIsThere() {
        HealthService service = new HealthService() {
            @Override
            public HealthReport liveness() {
                return report;
            }

            @Override
            public HealthReport readiness() {
                return HealthReport.of(List.of());
            }
        };
        assertEquals(Status.DOWN, HealthServlet.live(service).status());
        assertEquals(Status.UP, HealthServlet.ready(service).status());
    }
}
