package dev.conflux.serviceplane.health;

import dev.conflux.monitoring.api.HealthService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /health/live} or {@code /health/ready} of the service plane: a front end over {@link HealthProbe}. */
public final class HealthProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HealthProbe probe;
    private final transient Supplier<HealthService> health;
    private final boolean ready;

    public HealthProbeServlet(HealthProbe probe, Supplier<HealthService> health, boolean ready) {
        this.probe = probe;
        this.health = health;
        this.ready = ready;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthProbe.Answer answer = probe.answer(health.get(), ready, request.getHeader("Authorization"),
                request.getRemoteAddr());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setHeader("Cache-Control", "no-store");
        if (answer.challenge() != null) {
            response.setHeader("WWW-Authenticate", answer.challenge());
        }
        response.setContentType(answer.status() == 401 ? "application/problem+json" : "application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
