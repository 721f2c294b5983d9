package dev.conflux.serviceplane.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.monitoring.api.HealthReport;
import dev.conflux.monitoring.api.HealthReport.Check;
import dev.conflux.monitoring.api.HealthReport.Status;
import dev.conflux.monitoring.api.HealthService;
import dev.conflux.serviceplane.auth.PasswordRealm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code /health/live} and {@code /health/ready}: 200 when UP, 503 when DOWN. Anonymous callers (and
 * accounts without a monitoring role) get {@code {"status":"UP"}} and nothing else; a caller with HTTP Basic
 * credentials of the realm and one of the roles monitor, viewer, operator or admin also gets when it was checked
 * and every check; wrong credentials get 401 with a Basic challenge, never a report. Without a health service
 * (the monitoring bundle is not running) the container is live but not ready.
 */
public final class HealthProbe {

    /** Status, JSON body and the {@code WWW-Authenticate} challenge (401 only, else null). */
    public record Answer(int status, String body, String challenge) {
    }

    public static final String CHALLENGE = "Basic realm=\"conflux\", charset=\"UTF-8\"";
    static final Set<String> DETAIL_ROLES = Set.of("monitor", "viewer", "operator", "admin");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PasswordRealm realm;

    public HealthProbe(PasswordRealm realm) {
        this.realm = realm;
    }

    /**
     * @param health        the health service, null when it is not running
     * @param ready         readiness (else liveness)
     * @param authorization the request's Authorization header, null if none
     */
    public Answer answer(HealthService health, boolean ready, String authorization, String clientAddress) {
        boolean details = false;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Set<String> roles = login(authorization.substring(6).trim(), clientAddress);
            if (roles == null) {
                return new Answer(401, problem(401, "Unauthorized", "Wrong user name or password."), CHALLENGE);
            }
            details = roles.stream().anyMatch(DETAIL_ROLES::contains);
        }
        HealthReport report = health == null ? withoutHealthService(ready)
                : ready ? health.readiness() : health.liveness();
        return new Answer(report.status() == Status.UP ? 200 : 503, render(report, details), null);
    }

    private Set<String> login(String credentials, String clientAddress) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : realm.login(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress);
    }

    static HealthReport withoutHealthService(boolean ready) {
        return ready ? new HealthReport(Status.DOWN, Instant.now(), List.of(new Check("monitoring", Status.DOWN,
                "the health service is not running (feature conflux-monitoring)", true)))
                : new HealthReport(Status.UP, Instant.now(), List.of(new Check("container", Status.UP, "running", true)));
    }

    static String render(HealthReport report, boolean details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        if (details) {
            body.put("checkedAt", report.checkedAt().toString());
            body.put("checks", report.checks().stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", c.name());
                check.put("status", c.status().name());
                check.put("detail", c.detail());
                check.put("decisive", c.decisive());
                return check;
            }).toList());
        }
        return json(body);
    }

    private static String problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return json(body);
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
