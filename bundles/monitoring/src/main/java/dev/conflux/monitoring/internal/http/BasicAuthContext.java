package dev.conflux.monitoring.internal.http;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.http.HttpContext;

/**
 * HTTP Basic against the realm for {@code /metrics} and {@code /health/*} on the management plane. A request with
 * credentials is let through only when they are right (else 401, and nothing says why); {@code /metrics} also
 * needs a reader role (else 403) and credentials (else 401); {@code /health} lets anonymous callers through with no
 * roles, and its servlet shows them the status only. The caller's roles go to the servlet as the request attribute
 * {@value #ROLES}.
 */
public final class BasicAuthContext implements HttpContext {

    /** Roles that may read metrics and health details. */
    public static final Set<String> READERS = Set.of("monitor", "viewer", "operator", "admin");

    static final String ROLES = "dev.conflux.monitoring.roles";
    static final String CHALLENGE = "Basic realm=\"conflux\"";

    private final JaasLogin realm;
    private final HttpContext defaults;

    public BasicAuthContext(JaasLogin realm, HttpContext defaults) {
        this.realm = realm;
        this.defaults = defaults;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean metrics = request.getRequestURI().startsWith("/metrics");
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            if (metrics) {
                return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
            }
            request.setAttribute(ROLES, Set.of());
            return true;
        }
        Set<String> roles = login(header, request.getRemoteAddr());
        if (roles == null) {
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
        }
        if (metrics && Collections.disjoint(roles, READERS)) {
            return refuse(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed to read metrics");
        }
        request.setAttribute(ROLES, roles);
        return true;
    }

    private Set<String> login(String header, String address) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return realm.login(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    private static boolean refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(message);
        response.flushBuffer();
        return false;
    }

    @Override
    public URL getResource(String name) {
        return defaults.getResource(name);
    }

    @Override
    public String getMimeType(String name) {
        return defaults.getMimeType(name);
    }
}
