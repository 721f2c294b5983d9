package dev.conflux.monitoring.internal.metrics;

import dev.conflux.monitoring.api.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The embedded broker, read from Artemis's own management (ActiveMQServerControl, its acceptors and addresses) on
 * the platform MBean server: address memory and its limit, disk store usage, free space of the journal's file
 * system, addresses paging, and whether it is up (started, every acceptor started). When the broker is not there
 * the broker reads as down with NaN for the rest.
 */
public final class BrokerGauges implements GaugeSet {

    /** What was read; NaN where unknown. */
    record Reading(boolean up, double addressMemory, double addressMemoryLimit, double diskUsage,
            double journalFree, double pagingAddresses) {
        static final Reading NONE = new Reading(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static final String DOMAIN = "org.apache.activemq.artemis";

    private final MeterRegistry registry;
    private final MBeanServer server;
    private final Snapshot<Reading> reading;
    private List<Meter> meters = List.of();

    public BrokerGauges(MeterRegistry registry, MBeanServer server, long maxAgeMillis, Clock clock) {
        this.registry = registry;
        this.server = server;
        this.reading = new Snapshot<>(this::read, maxAgeMillis, clock, Reading.NONE);
    }

    @Override
    public synchronized void refresh() {
        if (!meters.isEmpty()) {
            return;
        }
        meters = List.of(
                gauge(MetricNames.BROKER_UP, r -> r.up() ? 1 : 0, "1 while the broker runs and its acceptors accept"),
                gauge(MetricNames.BROKER_ADDRESS_MEMORY, Reading::addressMemory, "Memory used by messages of all addresses"),
                gauge(MetricNames.BROKER_ADDRESS_MEMORY_LIMIT, Reading::addressMemoryLimit,
                        "Global limit of address memory (global-max-size); paging starts beyond it"),
                gauge(MetricNames.BROKER_DISK_USAGE, Reading::diskUsage,
                        "Used share of the journal's disk (0..1); the broker blocks producers at max-disk-usage"),
                gauge(MetricNames.BROKER_JOURNAL_FREE, Reading::journalFree, "Free bytes on the journal's file system"),
                gauge(MetricNames.BROKER_PAGING_ADDRESSES, Reading::pagingAddresses, "Addresses paging to disk now"));
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters = List.of();
    }

    private Meter gauge(String name, ToDoubleFunction<Reading> read, String description) {
        return Gauge.builder(name, reading, s -> read.applyAsDouble(s.get())).description(description)
                .register(registry);
    }

    Reading read() {
        try {
            Set<ObjectName> brokers = server.queryNames(new ObjectName(DOMAIN + ":broker=*"), null);
            if (brokers.isEmpty()) {
                return Reading.NONE;
            }
            ObjectName broker = brokers.iterator().next();
            String quoted = broker.getKeyProperty("broker");
            boolean up = Boolean.TRUE.equals(server.getAttribute(broker, "Started"));
            for (ObjectName acceptor : server.queryNames(new ObjectName(DOMAIN + ":broker=" + quoted
                    + ",component=acceptors,*"), null)) {
                up &= Boolean.TRUE.equals(server.getAttribute(acceptor, "Started"));
            }
            int paging = 0;
            for (ObjectName address : server.queryNames(new ObjectName(DOMAIN + ":broker=" + quoted
                    + ",component=addresses,address=*"), null)) {
                paging += Boolean.TRUE.equals(attribute(address, "Paging")) ? 1 : 0;
            }
            Object journal = server.getAttribute(broker, "JournalDirectory");
            double free = journal instanceof String dir ? new File(dir).getUsableSpace() : Double.NaN;
            return new Reading(up, number(server.getAttribute(broker, "AddressMemoryUsage")),
                    number(server.getAttribute(broker, "GlobalMaxSize")),
                    number(server.getAttribute(broker, "DiskStoreUsage")), free, paging);
        } catch (JMException e) {
            return Reading.NONE;
        }
    }

    private Object attribute(ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (JMException e) {
            return null; // it went away while we looked
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
