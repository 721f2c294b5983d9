package dev.conflux.queues.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The embedded Artemis broker as its own management MBeans show it. Calls go to the platform MBeanServer directly:
 * who may do what was decided by the Conflux MBean that calls this (Karaf's JMX ACL), not by the broker's.
 */
public final class Broker {

    static final String DOMAIN = "org.apache.activemq.artemis";
    private static final String[] QUEUE_ATTRIBUTES = {"Name", "Address", "RoutingType", "MessageCount",
            "ConsumerCount", "MessagesAdded", "MessagesAcknowledged", "FirstMessageAge", "Paused", "Temporary",
            "InternalQueue", "DeadLetterAddress"};

    private final MBeanServer server;

    public Broker() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    Broker(MBeanServer server) {
        this.server = server;
    }

    /** A queue and its counters. */
    public record QueueInfo(ObjectName mbean, String name, String address, String routingType, long messageCount,
            int consumerCount, long messagesAdded, long messagesAcknowledged, Long firstMessageAgeMillis,
            boolean paused, boolean temporary, boolean internal, String deadLetterAddress) {

        /** Queues the broker uses for itself (management, MQTT sessions), not for applications. */
        public boolean system() {
            return internal || temporary || name.startsWith("$sys.") || name.startsWith("activemq.management")
                    || name.startsWith("activemq.notifications");
        }
    }

    /** Every queue, by name. */
    public Map<String, QueueInfo> queues() {
        return read(DOMAIN + ":component=addresses,subcomponent=queues,*");
    }

    /** One queue, looked up by its name alone. */
    public QueueInfo queue(String name) {
        QueueInfo q = read(DOMAIN + ":component=addresses,subcomponent=queues,queue=" + ObjectName.quote(name) + ",*")
                .get(name);
        if (q == null) {
            throw new IllegalArgumentException("No queue named '" + name + "'");
        }
        return q;
    }

    private Map<String, QueueInfo> read(String pattern) {
        Map<String, QueueInfo> queues = new TreeMap<>();
        for (ObjectName name : server.queryNames(name(pattern), null)) {
            try {
                AttributeList list = server.getAttributes(name, QUEUE_ATTRIBUTES);
                Map<String, Object> a = new LinkedHashMap<>();
                for (Attribute attribute : list.asList()) {
                    a.put(attribute.getName(), attribute.getValue());
                }
                String queue = (String) a.get("Name");
                if (queue == null) {
                    continue;
                }
                queues.put(queue, new QueueInfo(name, queue, (String) a.get("Address"), (String) a.get("RoutingType"),
                        number(a.get("MessageCount")), (int) number(a.get("ConsumerCount")),
                        number(a.get("MessagesAdded")), number(a.get("MessagesAcknowledged")),
                        a.get("FirstMessageAge") instanceof Number n ? n.longValue() : null,
                        Boolean.TRUE.equals(a.get("Paused")), Boolean.TRUE.equals(a.get("Temporary")),
                        Boolean.TRUE.equals(a.get("InternalQueue")), (String) a.get("DeadLetterAddress")));
            } catch (JMException e) {
                // the queue went away while we looked
            }
        }
        return queues;
    }

    /** The addresses dead letters go to (each queue's dead-letter address), e.g. {@code DLQ}. */
    public Set<String> deadLetterAddresses(Collection<QueueInfo> queues) {
        Set<String> addresses = new java.util.TreeSet<>();
        for (QueueInfo q : queues) {
            if (q.deadLetterAddress() != null && !q.deadLetterAddress().isBlank()) {
                addresses.add(q.deadLetterAddress());
            }
        }
        return addresses;
    }

    /** The messages of a queue, oldest first, without consuming them. */
    public List<Map<String, Object>> browse(QueueInfo queue, int max) {
        Object result = invoke(queue.mbean(), "browse", new Object[] {1, max}, "int", "int");
        List<Map<String, Object>> messages = new ArrayList<>();
        if (result instanceof CompositeData[] rows) {
            for (CompositeData row : rows) {
                messages.add(plain(row));
            }
        }
        return messages;
    }

    public Object invoke(ObjectName mbean, String operation, Object[] args, String... signature) {
        try {
            return server.invoke(mbean, operation, args, signature);
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(operation + " failed: " + cause.getMessage(), cause);
        } catch (JMException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** The address's management MBean (to send to it). */
    public ObjectName address(QueueInfo queue, String address) {
        String broker = queue.mbean().getKeyProperty("broker");
        return name(DOMAIN + ":broker=" + broker + ",component=addresses,address=" + ObjectName.quote(address));
    }

    /** Composite and tabular data as plain maps: properties tables become {key: value}. */
    static Map<String, Object> plain(CompositeData row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : row.getCompositeType().keySet()) {
            Object v = row.get(key);
            if (v instanceof TabularData table) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (Object r : table.values()) {
                    CompositeData entry = (CompositeData) r;
                    props.put(String.valueOf(entry.get("key")), entry.get("value"));
                }
                v = props;
            }
            m.put(key, v);
        }
        return m;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
