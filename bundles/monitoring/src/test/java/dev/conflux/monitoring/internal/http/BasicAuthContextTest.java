package dev.conflux.monitoring.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.Test;

/** Who gets through to /metrics and /health, over a fake realm. */
public class BasicAuthContextTest {

    private final List<String> logins = new ArrayList<>();
    private final BasicAuthContext context = new BasicAuthContext(new JaasLogin("karaf") {
        @Override
        public Set<String> login(String user, String password, String clientAddress) {
            logins.add(user + "@" + clientAddress);
            return switch (user + ":" + password) {
                case "prometheus:secret" -> Set.of("monitor");
                case "shop:secret" -> Set.of("consumer");
                default -> null;
            };
        }
    }, null);

    /** A request's headers and attributes, and what the context answered. */
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> answered = new HashMap<>();
    private final StringWriter body = new StringWriter();

    private boolean call(String uri, String user, String password) throws Exception {
        String authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getRequestURI" -> uri;
                    case "getHeader" -> "Authorization".equals(a[0]) ? authorization : null;
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> answered.put("status", String.valueOf(a[0]));
                    case "setHeader" -> answered.put((String) a[0], (String) a[1]);
                    case "getWriter" -> new PrintWriter(body);
                    default -> null;
                });
        return context.handleSecurity(request, response);
    }

    @Test
    public void metricsNeedCredentialsAndAReaderRole() throws Exception {
        assertFalse(call("/metrics", null, null));
        assertEquals("401", answered.get("status"));
        assertEquals("Basic realm=\"conflux\"", answered.get("WWW-Authenticate"));
        assertTrue(logins.isEmpty());

        answered.clear();
        assertFalse(call("/metrics", "prometheus", "wrong"));
        assertEquals("401", answered.get("status"));
        assertEquals(List.of("prometheus@127.0.0.1"), logins);

        answered.clear();
        assertFalse(call("/metrics", "shop", "secret"));
        assertEquals("403", answered.get("status"));
        assertNull(answered.get("WWW-Authenticate"));

        answered.clear();
        assertTrue(call("/metrics", "prometheus", "secret"));
        assertNull(answered.get("status"));
        assertEquals(Set.of("monitor"), attributes.get(BasicAuthContext.ROLES));
    }

    @Test
    public void healthLetsAnonymousCallersAndConsumersThroughWithoutReaderRolesButNotWrongCredentials() throws Exception {
        assertTrue(call("/health/ready", null, null));
        assertEquals(Set.of(), attributes.get(BasicAuthContext.ROLES));
        assertTrue(call("/health/ready", "shop", "secret"));
        assertEquals(Set.of("consumer"), attributes.get(BasicAuthContext.ROLES));
        assertFalse(call("/health/live", "shop", "wrong"));
        assertEquals("401", answered.get("status"));
        assertFalse("nothing says the password was wrong", body.toString().contains("password"));
    }
}
