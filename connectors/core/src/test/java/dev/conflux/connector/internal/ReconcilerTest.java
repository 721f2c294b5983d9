package dev.conflux.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorInstance.Status;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.Health;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Component;
import org.junit.Test;

/**
 * The reconciling core against fakes of what surrounds it in the container (Config Admin's configurations are
 * plain records, component services a recording publisher, health checks a recording scheduler): no OSGi, no
 * threads, milliseconds.
 */
public class ReconcilerTest {

    // ---- fakes -----------------------------------------------------------------------------------------------

    static final class FakeConnector implements Connector {
        final ConnectorSettings settings;
        int components;
        boolean closed;

        FakeConnector(ConnectorSettings settings) {
            this.settings = settings;
        }

        @Override
        public Component createComponent() {
            components++;
            return null;
        }

        @Override
        public Health check() {
            return Health.up(settings.text("host"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class FakeType implements ConnectorType {
        final List<FakeConnector> created = new ArrayList<>();

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public String description() {
            return "a fake";
        }

        @Override
        public List<ConnectorKey> keys() {
            return List.of(ConnectorKey.required("host", Kind.TEXT, "server"),
                    ConnectorKey.optional("port", Kind.PORT, "22", "port"),
                    ConnectorKey.optional("password", Kind.SECRET, null, "secret"));
        }

        @Override
        public Connector create(ConnectorSettings settings) {
            if (settings.text("host").equals("nowhere")) {
                throw new InvalidConfigurationException("host", "'nowhere' is not a host");
            }
            FakeConnector connector = new FakeConnector(settings);
            created.add(connector);
            return connector;
        }
    }

    static final class FakePublication implements Reconciler.Publication {
        final String name;
        final Supplier<Component> components;
        long revision;
        boolean withdrawn;

        FakePublication(String name, long revision, Supplier<Component> components) {
            this.name = name;
            this.revision = revision;
            this.components = components;
        }

        @Override
        public void revise(long next) {
            revision = next;
        }

        @Override
        public void withdraw() {
            withdrawn = true;
        }
    }

    final List<FakePublication> published = new ArrayList<>();
    final List<String> scheduled = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    final InstanceTable table = new InstanceTable();
    final FakeType type = new FakeType();
    final Reconciler reconciler = new Reconciler(table,
            (name, t, revision, components) -> {
                FakePublication p = new FakePublication(name, revision, components);
                published.add(p);
                return p;
            },
            (instance, interval) -> {
                scheduled.add(instance.name() + "@" + interval);
                return () -> stopped.add(instance.name());
            },
            value -> {
                if (!value.equals("ENC(right)")) {
                    throw new IllegalArgumentException("cannot be decrypted with this installation's key");
                }
                return "clear";
            },
            Set.of("file", "jms")::contains);

    static ConnectorConfig config(String pid, String name, Map<String, String> values) {
        return new ConnectorConfig(pid, "fake", name, "/etc/conflux.connector.fake-" + name + ".cfg", values);
    }

    void reconcile(ConnectorConfig... configs) {
        reconciler.reconcile(List.of(configs), Map.of("fake", type));
    }

    ConnectorInstance instance(String name) {
        return table.byName(name).orElseThrow().view();
    }

    List<FakePublication> live() {
        return published.stream().filter(p -> !p.withdrawn).toList();
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    public void aValidConfigurationBecomesAPublishedInstanceThatIsChecked() {
        reconcile(config("p1", "orders", Map.of("host", "h1", "password", "ENC(right)", "healthCheckInterval", "5s")));

        ConnectorInstance orders = instance("orders");
        assertEquals(Status.UNKNOWN, orders.status());
        assertEquals("/etc/conflux.connector.fake-orders.cfg", orders.source());
        assertEquals(Map.of("host", "h1", "password", "********", "healthCheckInterval", "5s"), orders.settings());
        assertEquals(1, live().size());
        assertEquals("orders", live().get(0).name);
        assertEquals(List.of("orders@5000"), scheduled);
        assertEquals("22", type.created.get(0).settings.text("port"));

        live().get(0).components.get();
        assertEquals("a flow's component comes from the instance's connector", 1, type.created.get(0).components);
    }

    @Test
    public void aRejectedConfigurationIsKeptAsInvalidWithEveryReasonAndNothingRuns() {
        reconcile(config("p1", "broken", Map.of("port", "twenty", "hots", "x")));

        ConnectorInstance broken = instance("broken");
        assertEquals(Status.INVALID, broken.status());
        assertTrue(broken.reason(), broken.reason().contains("key 'port': 'twenty' is not a port number"));
        assertTrue(broken.reason(), broken.reason().contains("key 'host' is required"));
        assertTrue(broken.reason(), broken.reason().contains("key 'hots' is not a key of this connector type (did you mean 'host'?)"));
        assertTrue(published.isEmpty());
        assertTrue(scheduled.isEmpty());
        assertTrue(type.created.isEmpty());
    }

    @Test
    public void aCheckSpanningKeysInTheTypeIsReportedWithItsKey() {
        reconcile(config("p1", "lost", Map.of("host", "nowhere")));
        assertEquals("key 'host': 'nowhere' is not a host", instance("lost").reason());
        assertTrue(published.isEmpty());
    }

    @Test
    public void anUnknownTypeIsInvalidUntilTheTypeIsInstalled() {
        ConnectorConfig orders = config("p1", "orders", Map.of("host", "h1"));
        reconciler.reconcile(List.of(orders), Map.of());
        assertEquals(Status.INVALID, instance("orders").status());
        assertTrue(instance("orders").reason().startsWith("unknown connector type 'fake'"));
        assertTrue(instance("orders").reason().endsWith("installed types: none"));

        reconcile(orders);
        assertEquals(Status.UNKNOWN, instance("orders").status());
        assertEquals(1, live().size());
    }

    @Test
    public void anUnchangedConfigurationIsLeftAlone() {
        ConnectorConfig orders = config("p1", "orders", Map.of("host", "h1"));
        reconcile(orders);
        reconcile(orders);
        assertEquals(1, type.created.size());
        assertEquals(1, published.size());
        assertEquals(1, scheduled.size());
    }

    @Test
    public void aChangedConfigurationReplacesTheConnectorUnderTheSameNameOnce() {
        reconcile(config("p1", "orders", Map.of("host", "h1")));
        reconcile(config("p1", "orders", Map.of("host", "h2")));

        assertEquals("one publication, revised: flows using the name restart once", 1, published.size());
        assertEquals(1, published.get(0).revision);
        FakeConnector old = type.created.get(0);
        FakeConnector now = type.created.get(1);
        assertTrue("the replaced connector is closed", old.closed);
        assertFalse(now.closed);
        assertEquals(List.of("orders"), stopped);
        published.get(0).components.get();
        assertEquals(0, old.components);
        assertEquals("flows get the new connector's component", 1, now.components);
    }

    @Test
    public void aConfigurationThatBecomesInvalidIsWithdrawn() {
        reconcile(config("p1", "orders", Map.of("host", "h1")));
        reconcile(config("p1", "orders", Map.of("host", "h1", "port", "0")));

        assertEquals(Status.INVALID, instance("orders").status());
        assertTrue(published.get(0).withdrawn);
        assertTrue(type.created.get(0).closed);
    }

    @Test
    public void aDeletedConfigurationIsWithdrawnClosedAndGone() {
        reconcile(config("p1", "orders", Map.of("host", "h1")), config("p2", "billing", Map.of("host", "h2")));
        reconcile(config("p2", "billing", Map.of("host", "h2")));

        assertTrue(table.byName("orders").isEmpty());
        assertEquals(List.of("billing"), live().stream().map(p -> p.name).toList());
        assertTrue(type.created.get(0).closed);
        assertEquals(List.of("orders"), stopped);
    }

    @Test
    public void aNameIsUsedOnceAndARenamedFileTakesItOverInOnePass() {
        reconcile(config("p1", "orders", Map.of("host", "h1")), config("p2", "orders", Map.of("host", "h2")));
        assertEquals(Status.UNKNOWN, table.byPid("p1").orElseThrow().view().status());
        ConnectorInstance second = table.byPid("p2").orElseThrow().view();
        assertEquals(Status.INVALID, second.status());
        assertTrue(second.reason(), second.reason().contains("the instance name 'orders' is already used by"
                + " /etc/conflux.connector.fake-orders.cfg"));

        reconcile(config("p3", "orders", Map.of("host", "h3")));
        assertEquals("p3", table.byName("orders").orElseThrow().pid());
        assertEquals(Status.UNKNOWN, instance("orders").status());
        assertEquals(List.of("orders"), live().stream().map(p -> p.name).toList());
    }

    @Test
    public void badNamesAreRejectedWithASuggestion() {
        reconcile(config("p1", "bad_name", Map.of("host", "h1")), config("p2", "jms", Map.of("host", "h1")));
        assertTrue(instance("bad_name").reason().contains("is not valid") && instance("bad_name").reason().contains("e.g. 'bad-name'"));
        assertTrue(instance("jms").reason().contains("is the name of a Camel component"));
        assertTrue(published.isEmpty());
    }

    @Test
    public void aSecretThatDoesNotDecryptIsRejectedWithoutShowingIt() {
        reconcile(config("p1", "orders", Map.of("host", "h1", "password", "ENC(wrong)")),
                config("p2", "clear", Map.of("host", "h1", "password", "in-clear")));
        assertEquals("key 'password': cannot be decrypted with this installation's key", instance("orders").reason());
        String clear = instance("clear").reason();
        assertTrue(clear, clear.contains("key 'password': holds a clear-text secret"));
        assertFalse(clear, clear.contains("in-clear"));
        assertEquals("********", instance("clear").settings().get("password"));
    }

    @Test
    public void aLateHealthResultOfAReplacedInstanceIsDropped() {
        reconcile(config("p1", "orders", Map.of("host", "h1")));
        InstanceRecord first = table.byName("orders").orElseThrow();
        reconcile(config("p1", "orders", Map.of("host", "h2")));

        assertNull(table.recordHealth("p1", first.generation(), Health.down("from the old connector")));
        assertEquals(Status.UNKNOWN, instance("orders").status());
        InstanceRecord second = table.byName("orders").orElseThrow();
        assertEquals(Health.Status.UNKNOWN, table.recordHealth("p1", second.generation(), Health.up("h2")).status());
        assertEquals(Status.UP, instance("orders").status());
        assertEquals("h2", instance("orders").reason());
    }

    @Test
    public void aSnapshotIsNotChangedByLaterReconciliation() {
        reconcile(config("p1", "orders", Map.of("host", "h1")));
        InstanceRecord before = table.byName("orders").orElseThrow();
        reconcile(config("p1", "orders", Map.of("host", "h2")));
        assertEquals("h1", before.shown().get("host"));
        assertSame(type.created.get(0), before.connector());
    }

    @Test
    public void removeAllWithdrawsAndClosesEverything() {
        reconcile(config("p1", "orders", Map.of("host", "h1")), config("p2", "billing", Map.of("host", "h2")));
        reconciler.removeAll();
        assertTrue(live().isEmpty());
        assertTrue(type.created.stream().allMatch(c -> c.closed));
        assertTrue(table.all().isEmpty());
    }
}
