package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.conflux.serviceplane.auth.Consumer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class ConsumerHeadersTest {

    /** A request whose headers and parameters are these maps. */
    private static HttpServletRequest request(Map<String, String> headers, Map<String, String[]> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(ConsumerHeadersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                            ? List.of(headers.get((String) args[0])) : List.of());
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getParameter" -> parameters.containsKey((String) args[0]) ? parameters.get((String) args[0])[0] : null;
                    case "getParameterValues" -> parameters.get((String) args[0]);
                    case "getParameterMap" -> parameters;
                    default -> null;
                });
    }

    private static List<String> names(HttpServletRequest r) {
        return Collections.list(r.getHeaderNames());
    }

    @Test
    public void theFlowSeesTheAuthenticatedConsumerNeverTheClientsClaimNorTheCredentials() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("confluxconsumer", "spoofed");
        headers.put("Authorization", "Basic c2hvcDpwdw==");
        headers.put("X-API-Key", "cfx_x");
        HttpServletRequest seen = new ConsumerHeaders.Request(request(headers,
                Map.of("ConfluxConsumer", new String[] {"spoofed"}, "q", new String[] {"1"})),
                new Consumer("shop", "basic", Set.of()));
        assertEquals("shop", seen.getHeader("ConfluxConsumer"));
        assertEquals("shop", seen.getHeader("CONFLUXCONSUMER"));
        assertEquals(List.of("shop"), Collections.list(seen.getHeaders("ConfluxConsumer")));
        assertEquals(List.of("Content-Type", "ConfluxConsumer"), names(seen));
        assertNull(seen.getHeader("Authorization"));
        assertNull(seen.getHeader("x-api-key"));
        assertNull(seen.getParameter("ConfluxConsumer"));
        assertNull(seen.getParameterValues("confluxconsumer"));
        assertEquals(Set.of("q"), seen.getParameterMap().keySet());
        assertEquals(List.of("q"), Collections.list(seen.getParameterNames()));
    }

    @Test
    public void onAnOpenEndpointTheClaimIsDroppedAndNothingElseChanges() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ConfluxConsumer", "spoofed");
        headers.put("Authorization", "Bearer for-the-flow");
        HttpServletRequest seen = new ConsumerHeaders.Request(request(headers, Map.of()), null);
        assertNull(seen.getHeader("ConfluxConsumer"));
        assertEquals(List.of(), Collections.list(seen.getHeaders("ConfluxConsumer")));
        assertEquals(List.of("Authorization"), names(seen));
        assertEquals("Bearer for-the-flow", seen.getHeader("Authorization"));
    }

    @Test
    public void theConsumerHeaderNeverGoesBackOut() {
        List<String> set = new ArrayList<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().endsWith("Header")) {
                        set.add(method.getName() + " " + args[0]);
                    }
                    return null;
                });
        HttpServletResponse out = new ConsumerHeaders.Response(response);
        out.setHeader("ConfluxConsumer", "shop");
        out.addHeader("confluxconsumer", "shop");
        out.setIntHeader("ConfluxConsumer", 1);
        out.addDateHeader("ConfluxConsumer", 1L);
        out.setHeader("Content-Type", "application/json");
        out.addHeader("X-Other", "1");
        assertEquals(List.of("setHeader Content-Type", "addHeader X-Other"), set);
    }
}
