package dev.conflux.serviceplane.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The filter in a real Jetty, in front of an authentication filter that refuses requests without credentials:
 * admitted and refused requests are counted by status class, with their sizes; asynchronous ones when done.
 */
public class EndpointMetricsFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<EndpointMetrics.Request> recorded = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @Before
    public void start() throws Exception {
        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath("/");
        handler.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                byte[] in = request.getInputStream().readAllBytes();
                if (in.length == 0) {
                    response.sendError(400, "empty");
                    return;
                }
                response.setStatus(202);
                response.getOutputStream().write("{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    ((HttpServletResponse) async.getResponse()).setStatus(503);
                    async.complete();
                });
            }
        }), "/api/*");
        handler.getServletHandler().getServlets()[0].setAsyncSupported(true);
        EndpointMetrics metrics = new EndpointMetrics(registry);
        EndpointMetricsFilter measure = new EndpointMetricsFilter(r -> {
            metrics.record(r);
            recorded.add(r);
        },
                r -> new EndpointLabels.Labels("/api/orders", r.getMethod() + " /api/orders"), new JettySizes(),
                System::nanoTime);
        FilterHolder measureHolder = new FilterHolder(measure);
        measureHolder.setAsyncSupported(true);
        handler.addFilter(measureHolder, "/api/*", EnumSet.of(DispatcherType.REQUEST));
        Filter authenticate = (req, res, chain) -> {
            if (((HttpServletRequest) req).getHeader("Authorization") == null) {
                ((HttpServletResponse) res).setStatus(401);
                return;
            }
            req.setAttribute(EndpointMetricsFilter.CONSUMER, "partner-x");
            chain.doFilter(req, res);
        };
        FilterHolder authHolder = new FilterHolder(authenticate);
        authHolder.setAsyncSupported(true);
        handler.addFilter(authHolder, "/api/*", EnumSet.of(DispatcherType.REQUEST));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    @Test
    public void admittedAndRefusedRequestsAreCountedByStatusClassWithTheirSizes() throws Exception {
        assertEquals(202, post("{\"orderId\":\"A-1\"}", true));
        assertEquals(400, post("", true));
        assertEquals(401, post("{\"orderId\":\"A-2\"}", false));

        assertEquals(1, timer("2xx").count());
        assertEquals("the 400 and the authentication filter's 401", 2, timer("4xx").count());
        assertTrue(timer("2xx").totalTime(TimeUnit.NANOSECONDS) > 0);
        DistributionSummary requests = registry.find(MetricNames.ENDPOINT_REQUEST_SIZE).tag(MetricNames.ENDPOINT,
                "/api/orders").summary();
        assertNotNull(requests);
        assertEquals(3, requests.count());
        assertEquals(17 + 17, requests.totalAmount(), 0.0); // the refused body counts as sent
        DistributionSummary responses = registry.find(MetricNames.ENDPOINT_RESPONSE_SIZE).summary();
        assertTrue("the 202's body was counted", responses.max() >= 21);
    }

    @Test
    public void eachRequestNamesTheAdmittedConsumerElseTheClientAddress() throws Exception {
        assertEquals(202, post("{\"orderId\":\"A-1\"}", true));
        assertEquals(401, post("{\"orderId\":\"A-2\"}", false));
        assertEquals(List.of("partner-x", "127.0.0.1"), recorded.stream().map(EndpointMetrics.Request::consumer)
                .toList());
        assertEquals(List.of(202, 401), recorded.stream().map(EndpointMetrics.Request::status).toList());
    }

    @Test
    public void anAsynchronousRequestIsRecordedWhenItCompletes() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .header("Authorization", "Basic eDp5").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode());
        Timer t = registry.find(MetricNames.ENDPOINT_REQUESTS).tag(MetricNames.STATUS, "5xx").timer();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((t == null || t.count() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            t = registry.find(MetricNames.ENDPOINT_REQUESTS).tag(MetricNames.STATUS, "5xx").timer();
        }
        assertNotNull("the 503 was recorded", t);
        assertEquals(1, t.count());
        assertEquals("GET", t.getId().getTag(MetricNames.METHOD));
        assertNull(registry.find(MetricNames.ENDPOINT_REQUESTS).tag(MetricNames.STATUS, "2xx").timer());
    }

    private int post(String body, boolean credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/orders")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials) {
            b.header("Authorization", "Basic eDp5");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Timer timer(String status) {
        return timer(status, "POST");
    }

    private Timer timer(String status, String method) {
        Timer t = registry.find(MetricNames.ENDPOINT_REQUESTS).tag(MetricNames.STATUS, status)
                .tag(MetricNames.METHOD, method).timer();
        assertNotNull("a timer for " + status + " " + method + ": " + registry.getMetersAsString(), t);
        return t;
    }
}
