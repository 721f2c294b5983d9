package dev.conflux.monitoring.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthService;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /health/live} and {@code /health/ready}: 200 when UP, 503 when DOWN, JSON; the checks only for callers
 * with a reader role. Without the health service, live is UP and ready is DOWN (check {@code monitoring}).
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Supplier<HealthService> health;

    HealthServlet(Supplier<HealthService> health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo();
        HealthReport report;
        if ("/live".equals(probe)) {
            report = live(health.get());
        } else if ("/ready".equals(probe)) {
            report = ready(health.get());
        } else {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().println("Not found: the probes are /health/live and /health/ready");
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> roles = request.getAttribute(BasicAuthContext.ROLES) instanceof Set<?> s ? (Set<String>) s : Set.of();
        boolean details = !Collections.disjoint(roles, BasicAuthContext.READERS);
        byte[] body = JSON.writeValueAsBytes(render(report, details));
        response.setStatus(report.status() == HealthReport.Status.UP ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static HealthReport live(HealthService service) {
        return service != null ? service.liveness() : new HealthReport(HealthReport.Status.UP, Instant.now(),
                List.of(new HealthReport.Check("container", HealthReport.Status.UP, "running", true)));
    }

    static HealthReport ready(HealthService service) {
        return service != null ? service.readiness() : HealthReport.of(List.of(new HealthReport.Check("monitoring",
                HealthReport.Status.DOWN, "health service not running", true)));
    }

    static Map<String, Object> render(HealthReport report, boolean details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        if (details) {
            body.put("checkedAt", report.checkedAt() == null ? null : report.checkedAt().toString());
            body.put("checks", report.checks().stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", c.name());
                check.put("status", c.status().name());
                check.put("detail", c.detail());
                check.put("decisive", c.decisive());
                return check;
            }).toList());
        }
        return body;
    }
}
