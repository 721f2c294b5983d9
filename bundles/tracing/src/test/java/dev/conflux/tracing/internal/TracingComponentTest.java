package dev.conflux.tracing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceStats;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

public class TracingComponentTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TracingComponent tracing = new TracingComponent();
    private boolean active;

    @Before
    public void meters() {
        Metrics.globalRegistry.add(meters);
    }

    @After
    public void stop() {
        if (active) {
            tracing.deactivate();
        }
        Metrics.globalRegistry.remove(meters);
    }

    private Map<String, Object> config(String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("embedded.directory", dir.getRoot().toPath().resolve("traces").toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static Hop hop(String key, HopKind kind) {
        return Hop.of(Hops.trace(key.hashCode() & 0xffff), kind).businessKey(key).time(Instant.now()).build();
    }

    private double meter(String name) {
        var counter = meters.find(name).functionCounter();
        return counter != null ? counter.count() : meters.find(name).gauge().value();
    }

    /** A bundle context that only registers services: what it holds now, and every event in order. */
    private static final class Registry {
        final List<String> events = new ArrayList<>();
        final Map<DataSource, Dictionary<String, ?>> registered = new LinkedHashMap<>();

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        DataSource service = (DataSource) args[1];
                        @SuppressWarnings("unchecked")
                        Dictionary<String, ?> properties = (Dictionary<String, ?>) args[2];
                        registered.put(service, properties);
                        events.add("register " + properties.get("conflux.store.kind"));
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                                    if (m.getName().equals("unregister")) {
                                        registered.remove(service);
                                        events.add("unregister");
                                        return null;
                                    }
                                    throw new UnsupportedOperationException(m.getName());
                                });
                    });
        }
    }

    @Test
    public void theStoresDatabaseIsSharedWhileItIsOpenAndWithdrawnBeforeItCloses() throws Exception {
        Registry registry = new Registry();
        tracing.activate(registry.context(), config());
        active = true;
        assertEquals(1, registry.registered.size());
        DataSource shared = registry.registered.keySet().iterator().next();
        assertEquals("tracing", registry.registered.get(shared).get("conflux.store"));
        tracing.stats(); // the store's first connection creates its tables
        try (Connection c = shared.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS shared_probe (id INT)"); // another bundle's table, same database
            assertTrue("the trace store's own table is there", st.executeQuery(
                    "SELECT COUNT(*) FROM conflux_trace_block").next());
        }
        tracing.modified(config("embedded.directory", dir.getRoot().toPath().resolve("other").toString()));
        assertEquals("the old store withdrawn, then the new one offered", List.of("register embedded", "unregister",
                "register embedded"), registry.events);
        assertEquals(1, registry.registered.size());
        tracing.deactivate();
        active = false;
        assertEquals(List.of(), List.copyOf(registry.registered.keySet()));
    }

    @Test
    public void recordedHopsAreFoundAndCounted() throws Exception {
        tracing.activate(null, config());
        active = true;
        assertTrue(tracing.enabled());
        assertTrue(tracing.record(hop("A-1", HopKind.RECEIVED)));
        assertTrue(tracing.record(hop("A-1", HopKind.COMPLETED)));
        Eventually.await("the trace of A-1", 5_000, () -> tracing.find("A-1").isPresent()
                && tracing.find("A-1").get().hops().size() == 2);
        Eventually.await("the recorded counter", 5_000, () -> meter(TraceMetrics.RECORDED) == 2);
        assertEquals(0, meter(TraceMetrics.DROPPED), 0);
        TraceStats stats = tracing.stats();
        assertEquals(2, stats.events());
        assertTrue(stats.store(), stats.store().startsWith("embedded (H2, "));
        assertTrue(stats.bytes() > 0);
        assertEquals(10_000, stats.bufferCapacity());
        assertNull(stats.lastError());
    }

    @Test
    public void aChangedConfigurationKeepsTheBufferedHops() throws Exception {
        // a flush interval of a minute keeps them in the buffer until the change
        tracing.activate(null, config("flush.millis", "60000"));
        active = true;
        for (int i = 0; i < 5; i++) {
            tracing.record(hop("K-" + i, HopKind.RECEIVED));
        }
        tracing.modified(config("flush.millis", "60000", "buffer.capacity", "100"));
        assertEquals(100, tracing.stats().bufferCapacity());
        for (int i = 0; i < 5; i++) {
            assertTrue("K-" + i, tracing.find("K-" + i).isPresent());
        }
        assertEquals(0, tracing.stats().dropped());
    }

    @Test
    public void aTinyBufferDropsAndCountsWhatItCannotHold() throws Exception {
        tracing.activate(null, config("buffer.capacity", "1", "flush.millis", "60000", "batch.size", "10000"));
        active = true;
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += tracing.record(hop("D-" + i, HopKind.RECEIVED)) ? 1 : 0;
        }
        assertTrue("accepted " + accepted, accepted < 100);
        assertEquals(100 - accepted, tracing.stats().dropped());
        assertEquals(100 - accepted, meter(TraceMetrics.DROPPED), 0);
    }

    @Test
    public void switchedOffNothingIsRecordedButSearchesStillWork() throws Exception {
        tracing.activate(null, config());
        active = true;
        tracing.record(hop("B-1", HopKind.RECEIVED));
        Eventually.await("B-1", 5_000, () -> tracing.find("B-1").isPresent());
        tracing.modified(config("enabled", "false"));
        assertFalse(tracing.enabled());
        assertFalse(tracing.record(hop("B-2", HopKind.RECEIVED)));
        assertTrue(tracing.find("B-1").isPresent());
        assertEquals(0, tracing.stats().dropped());
    }

    @Test
    public void anUnreachablePostgresqlIsAnErrorInTheStatsAndRecordingGoesOn() throws Exception {
        tracing.activate(null, config("store", "postgresql", "jdbc.url", "jdbc:postgresql://127.0.0.1:1/conflux",
                "flush.millis", "10"));
        active = true;
        assertTrue(tracing.record(hop("P-1", HopKind.RECEIVED)));
        Eventually.await("the batch to be dropped after its retry", 10_000, () -> tracing.stats().dropped() == 1);
        TraceStats stats = tracing.stats();
        assertTrue(String.valueOf(stats.lastError()), stats.lastError() != null
                && stats.lastError().contains("refused"));
        assertEquals(-1, stats.events());
        assertTrue("recording never blocks", tracing.record(hop("P-2", HopKind.RECEIVED)));
    }

    @Test
    public void listenersAreToldOfEveryStoredBatchAndOneThatFailsStopsNothing() throws Exception {
        List<Hop> told = new CopyOnWriteArrayList<>();
        tracing.addListener(hops -> {
            throw new IllegalStateException("a broken exporter");
        });
        tracing.addListener(told::addAll);
        tracing.activate(null, config());
        active = true;
        tracing.record(hop("L-1", HopKind.RECEIVED));
        tracing.record(hop("L-1", HopKind.COMPLETED));
        Eventually.await("both hops told", 5_000, () -> told.size() == 2);
        assertEquals(List.of(HopKind.RECEIVED, HopKind.COMPLETED), told.stream().map(Hop::kind).toList());
        assertEquals("stored all the same", 2, tracing.find("L-1").orElseThrow().hops().size());
        assertNull(tracing.stats().lastError());
    }
}
