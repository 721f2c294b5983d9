package dev.conflux.monitoring.internal.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The broker gauges over a fake Artemis server control, acceptor and addresses on a private MBean server. */
public class BrokerGaugesTest {

    @Rule
    public TemporaryFolder journal = new TemporaryFolder();

    public interface FakeServerMBean {
        boolean isStarted();

        long getAddressMemoryUsage();

        long getGlobalMaxSize();

        double getDiskStoreUsage();

        String getJournalDirectory();
    }

    public record FakeServer(boolean started, String dir) implements FakeServerMBean {
        public boolean isStarted() {
            return started;
        }

        public long getAddressMemoryUsage() {
            return 1024;
        }

        public long getGlobalMaxSize() {
            return 4096;
        }

        public double getDiskStoreUsage() {
            return 0.25;
        }

        public String getJournalDirectory() {
            return dir;
        }
    }

    public interface FakeStartedMBean {
        boolean isStarted();

        boolean isPaging();
    }

    public record FakeStarted(boolean started, boolean paging) implements FakeStartedMBean {
        public boolean isStarted() {
            return started;
        }

        public boolean isPaging() {
            return paging;
        }
    }

    @Test
    public void readsArtemisManagementAndIsDownWhenAnAcceptorIsStopped() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        String dir = journal.getRoot().getAbsolutePath();
        server.registerMBean(new FakeServer(true, dir), new ObjectName("org.apache.activemq.artemis:broker=\"conflux\""));
        ObjectName acceptor = new ObjectName("org.apache.activemq.artemis:broker=\"conflux\",component=acceptors,name=\"amqp\"");
        server.registerMBean(new FakeStarted(true, false), acceptor);
        server.registerMBean(new FakeStarted(true, true),
                new ObjectName("org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\"orders\""));
        server.registerMBean(new FakeStarted(true, false),
                new ObjectName("org.apache.activemq.artemis:broker=\"conflux\",component=addresses,address=\"billing\""));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerGauges gauges = new BrokerGauges(registry, server, 0, new GaugesTest.MutableClock(Instant.EPOCH));
        gauges.refresh();

        assertEquals(1, registry.get(MetricNames.BROKER_UP).gauge().value(), 0);
        assertEquals(1024, registry.get(MetricNames.BROKER_ADDRESS_MEMORY).gauge().value(), 0);
        assertEquals(4096, registry.get(MetricNames.BROKER_ADDRESS_MEMORY_LIMIT).gauge().value(), 0);
        assertEquals(0.25, registry.get(MetricNames.BROKER_DISK_USAGE).gauge().value(), 0);
        assertEquals(1, registry.get(MetricNames.BROKER_PAGING_ADDRESSES).gauge().value(), 0);
        assertEquals(Path.of(dir).toFile().getUsableSpace(), registry.get(MetricNames.BROKER_JOURNAL_FREE).gauge().value(),
                64L * 1024 * 1024);
        assertTrue(registry.get(MetricNames.BROKER_JOURNAL_FREE).gauge().value() > 0);

        server.unregisterMBean(acceptor);
        server.registerMBean(new FakeStarted(false, false), acceptor);
        assertEquals(0, registry.get(MetricNames.BROKER_UP).gauge().value(), 0);
    }

    @Test
    public void withoutABrokerItIsDownAndTheRestUnknown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerGauges gauges = new BrokerGauges(registry, MBeanServerFactory.newMBeanServer(), 0,
                new GaugesTest.MutableClock(Instant.EPOCH));
        gauges.refresh();
        assertEquals(0, registry.get(MetricNames.BROKER_UP).gauge().value(), 0);
        assertTrue(Double.isNaN(registry.get(MetricNames.BROKER_ADDRESS_MEMORY).gauge().value()));
        gauges.close();
        assertFalse(registry.getMeters().iterator().hasNext());
    }
}
