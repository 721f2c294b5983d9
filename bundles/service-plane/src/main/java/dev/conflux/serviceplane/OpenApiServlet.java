package dev.conflux.serviceplane;

import dev.conflux.runtime.api.FlowService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of every REST operation the running flows publish, written
 * by the flow runtime with Camel's OpenAPI support. Behind the same authentication as the operations it describes.
 */
final class OpenApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiServlet.class);

    private final transient Supplier<FlowService> flows;
    private final transient Supplier<String> serverUrl;

    OpenApiServlet(Supplier<FlowService> flows, Supplier<String> serverUrl) {
        this.flows = flows;
        this.serverUrl = serverUrl;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        FlowService f = flows.get();
        if (f == null) {
            problem(resp, 503, "The flow runtime is not running");
            return;
        }
        byte[] body;
        try {
            body = f.openApi(serverUrl.get()).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.error("GET {}: {}", req.getRequestURI(), e.getMessage(), e);
            problem(resp, 500, "The OpenAPI document could not be written; the log says why");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static void problem(HttpServletResponse resp, int status, String detail) throws IOException {
        byte[] body = Problems.body(status, detail);
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
