package dev.conflux.serviceplane;

import dev.conflux.serviceplane.auth.Gate;
import dev.conflux.serviceplane.auth.Gate.Decision;
import dev.conflux.serviceplane.metrics.EndpointMetricsFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The enforcement point in front of the CXF and Camel servlets: every request to {@code /services} and
 * {@code /api} is checked by the {@link Gate} before any flow code runs. A refused request gets its 401 / 403 /
 * 429 as a problem document (REST) or a SOAP fault of the request's version (SOAP). An admitted one reaches the
 * flow with the consumer's name in {@value ConsumerHeaders#CONSUMER} and without its credentials; that header never
 * goes back out in a response.
 */
final class EndpointFilter implements Filter {

    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final Supplier<Gate> gate;
    private final String soapPath;

    EndpointFilter(Supplier<Gate> gate, String soapPath) {
        this.gate = gate;
        this.soapPath = soapPath;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Object certificates = request.getAttribute(CERTIFICATES);
        Decision decision = gate.get().decide(new Gate.Call(path, request.getHeader("Authorization"),
                request.getHeader(ConsumerHeaders.API_KEY), certificates instanceof X509Certificate[] c ? c : null,
                request.getRemoteAddr()));
        if (decision.consumer() != null) { // also for a refusal of a known consumer (403, 429): it is theirs
            request.setAttribute(EndpointMetricsFilter.CONSUMER, decision.consumer().name());
        }
        if (!decision.allowed()) {
            refuse(request, response, path, decision);
            return;
        }
        chain.doFilter(new ConsumerHeaders.Request(request, decision.consumer()),
                new ConsumerHeaders.Response(response));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path, Decision decision)
            throws IOException {
        response.setStatus(decision.status());
        decision.challenges().forEach(c -> response.addHeader("WWW-Authenticate", c));
        if (decision.retryAfter() > 0) {
            response.setHeader("Retry-After", String.valueOf(decision.retryAfter()));
        }
        byte[] body;
        if (path.startsWith(soapPath + "/")) {
            String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
            boolean soap12 = contentType.startsWith("application/soap+xml");
            response.setContentType((soap12 ? "application/soap+xml" : "text/xml") + "; charset=utf-8");
            body = Problems.soapFault(soap12, decision.status(), decision.detail()).getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType(Problems.MEDIA_TYPE);
            body = Problems.body(decision.status(), decision.detail());
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
