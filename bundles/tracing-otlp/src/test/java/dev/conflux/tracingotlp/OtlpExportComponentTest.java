package dev.conflux.tracingotlp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.conflux.tracing.api.HopKind;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The exporter against a real HTTP server on loopback standing in for the OTLP backend. */
public class OtlpExportComponentTest {

    record Request(String path, String contentType, String authorization, byte[] body) {
    }

    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private HttpServer backend;
    private volatile int status = 200;
    /** When set, the backend holds each response until it is opened, as a slow backend would. */
    private volatile CountDownLatch gate;
    private final OtlpExportComponent component = new OtlpExportComponent();

    /** The container's monitoring bundle adds its Prometheus registry to the global one; here a simple one. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Before
    public void startBackend() throws Exception {
        Metrics.addRegistry(meters);
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/v1/traces", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Content-Type"),
                    ex.getRequestHeaders().getFirst("Authorization"), body));
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        backend.start();
    }

    @After
    public void stop() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
        component.deactivate();
        backend.stop(0);
        Metrics.removeRegistry(meters);
    }

    static OtlpExportComponent.Config config(String endpoint, String headers) {
        return config(endpoint, headers, 100);
    }

    static OtlpExportComponent.Config config(String endpoint, String headers, int queueCapacity) {
        return new OtlpExportComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OtlpExportComponent.Config.class;
            }

            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public String headers() {
                return headers;
            }

            @Override
            public int timeout_seconds() {
                return 5;
            }

            @Override
            public int queue_capacity() {
                return queueCapacity;
            }

            @Override
            public String service_name() {
                return "conflux-test";
            }
        };
    }

    private String endpoint() {
        return "http://127.0.0.1:" + backend.getAddress().getPort() + "/v1/traces";
    }

    @Test
    public void storedHopsReachTheBackendAsOtlpProtobufWithTheConfiguredHeader() throws Exception {
        component.activate(config(endpoint(), "Authorization=Bearer abc=123"));
        component.stored(List.of(HopSpansTest.hop(HopKind.RECEIVED, 0).target("POST /api/orders").build(),
                HopSpansTest.hop(HopKind.COMPLETED, 40).durationMillis(40).outcome("ok").build()));

        // the two hops may go in one request or two (the sender takes what has come): look at each
        Request r = received.poll(30, TimeUnit.SECONDS);
        assertTrue("the backend got the spans", r != null);
        String both = "";
        for (Request next = r; next != null; next = received.poll(2, TimeUnit.SECONDS)) {
            assertEquals("/v1/traces", next.path());
            assertEquals("application/x-protobuf", next.contentType());
            assertEquals("Bearer abc=123", next.authorization());
            assertTrue("the trace id, as protobuf bytes", HexFormat.of().formatHex(next.body())
                    .contains(HopSpansTest.TRACE));
            both += HexFormat.of().formatHex(next.body()) + " " + new String(next.body(), StandardCharsets.ISO_8859_1);
        }
        assertTrue("the exchange's span id", both.contains(HopSpansTest.EXCHANGE));
        assertTrue("the caller's span as its parent", both.contains(HopSpansTest.CALLER));
        assertTrue(both.contains("RECEIVED POST /api/orders"));
        assertTrue(both.contains("conflux-test"));
        assertTrue(both.contains("A-1"));
        awaitCount("exported", 2);
    }

    @Test
    public void aBackendThatRefusesCostsTheSpansNotTheCallerAndIsCounted() throws Exception {
        status = 503;
        component.activate(config(endpoint(), ""));
        component.stored(List.of(HopSpansTest.hop(HopKind.COMPLETED, 40).durationMillis(40).build()));
        assertTrue(received.poll(30, TimeUnit.SECONDS) != null);
        awaitCount("failed", 1);
    }

    @Test
    public void withoutAnEndpointNothingIsSentAndABadValueKeepsItOff() throws Exception {
        component.activate(config("", ""));
        component.stored(List.of(HopSpansTest.hop(HopKind.COMPLETED, 40).build()));
        component.deactivate();
        OtlpExportComponent bad = new OtlpExportComponent();
        bad.activate(config("ftp://127.0.0.1/v1/traces", ""));
        bad.stored(List.of(HopSpansTest.hop(HopKind.COMPLETED, 40).build()));
        bad.deactivate();
        assertEquals(null, received.poll(1, TimeUnit.SECONDS));
    }

    @Test
    public void whatTheQueueCannotHoldIsDroppedAndCountedAtOnce() throws Exception {
        gate = new CountDownLatch(1);
        component.activate(config(endpoint(), "", 1));
        component.stored(List.of(HopSpansTest.hop(HopKind.COMPLETED, 1).durationMillis(1).build()));
        assertTrue("the sender is now waiting on the slow backend", received.poll(30, TimeUnit.SECONDS) != null);
        List<dev.conflux.tracing.api.Hop> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(HopSpansTest.hop(HopKind.COMPLETED, i).durationMillis(1).build());
        }
        long t0 = System.nanoTime();
        component.stored(many);
        assertTrue("stored() does not wait for the backend", System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertEquals("a queue of one keeps one; the rest are dropped and counted at once", 99,
                meters.find("conflux.trace.export.spans").tag("outcome", "dropped").counter().count(), 0);
        gate.countDown();
        awaitCount("exported", 2);
    }

    private void awaitCount(String outcome, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double seen = -1;
        while (System.nanoTime() < deadline) {
            var c = meters.find("conflux.trace.export.spans").tag("outcome", outcome).counter();
            seen = c == null ? -1 : c.count();
            if (seen >= expected) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(outcome, expected, seen, 0);
    }
}
