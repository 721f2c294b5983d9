package dev.conflux.queues.internal;

import dev.conflux.security.api.ServiceAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The embedded Artemis broker through its own management MBeans. Calls go to the platform MBeanServer directly: who
 * may do what was decided by the Conflux front end that calls this (Karaf's JMX ACL, the shell's command ACL).
 */
public final class JmxBroker implements Broker {

    static final String DOMAIN = "org.apache.activemq.artemis";
    private static final String QUEUES = DOMAIN + ":component=addresses,subcomponent=queues";
    private static final int TEXT = 3;
    private static final String[] QUEUE_ATTRIBUTES = {"Name", "Address", "RoutingType", "MessageCount",
            "ConsumerCount", "MessagesAdded", "MessagesAcknowledged", "FirstMessageAge", "Paused", "Temporary",
            "InternalQueue", "MessagesExpired", "MessagesKilled"};

    private final MBeanServer server;
    private final ServiceAccount account;

    public JmxBroker(MBeanServer server, ServiceAccount account) {
        this.server = server;
        this.account = account;
    }

    @Override
    public Map<String, QueueInfo> queues() {
        return read(QUEUES + ",*");
    }

    @Override
    public QueueInfo queue(String name) {
        QueueInfo q = read(QUEUES + ",queue=" + ObjectName.quote(name) + ",*").get(name);
        if (q == null) {
            throw new IllegalArgumentException("No queue named '" + name + "'");
        }
        return q;
    }

    @Override
    public Map<String, QueueInfo> queuesOn(Set<String> addresses) {
        Map<String, QueueInfo> queues = new TreeMap<>();
        for (String address : addresses) {
            queues.putAll(read(QUEUES + ",address=" + ObjectName.quote(address) + ",*"));
        }
        return queues;
    }

    /** One attribute of one queue per address: the dead-letter address its address settings name. */
    @Override
    public Set<String> deadLetterAddresses() {
        Map<String, ObjectName> oneQueuePerAddress = new TreeMap<>();
        for (ObjectName n : server.queryNames(name(QUEUES + ",*"), null)) {
            oneQueuePerAddress.putIfAbsent(String.valueOf(n.getKeyProperty("address")), n);
        }
        Set<String> addresses = new TreeSet<>();
        for (ObjectName n : oneQueuePerAddress.values()) {
            try {
                if (server.getAttribute(n, "DeadLetterAddress") instanceof String dla && !dla.isBlank()) {
                    addresses.add(dla);
                }
            } catch (JMException e) {
                // the queue went away while we looked
            }
        }
        return addresses;
    }

    @Override
    public List<Map<String, Object>> browse(String queue, int page, int pageSize) {
        Object result = invoke(queue, "browse", new Object[] {page, pageSize}, "int", "int");
        List<Map<String, Object>> messages = new ArrayList<>();
        if (result instanceof CompositeData[] rows) {
            for (CompositeData row : rows) {
                messages.add(plain(row));
            }
        }
        return messages;
    }

    @Override
    public void pause(String queue) {
        invoke(queue, "pause", new Object[] {true}, "boolean");
    }

    @Override
    public void resume(String queue) {
        invoke(queue, "resume", new Object[0]);
    }

    @Override
    public boolean moveMessage(String queue, long id, String targetQueue) {
        return Boolean.TRUE.equals(invoke(queue, "moveMessage", new Object[] {id, targetQueue}, "long",
                "java.lang.String"));
    }

    @Override
    public int moveMessages(String queue, String targetQueue) {
        return count(invoke(queue, "moveMessages", new Object[] {null, targetQueue}, "java.lang.String",
                "java.lang.String"));
    }

    @Override
    public boolean removeMessage(String queue, long id) {
        return Boolean.TRUE.equals(invoke(queue, "removeMessage", new Object[] {id}, "long"));
    }

    @Override
    public int removeAllMessages(String queue) {
        return count(invoke(queue, "removeAllMessages", new Object[0]));
    }

    @Override
    public boolean retryMessage(String queue, long id) {
        return Boolean.TRUE.equals(invoke(queue, "retryMessage", new Object[] {id}, "long"));
    }

    @Override
    public int retryMessages(String queue) {
        return count(invoke(queue, "retryMessages", new Object[0]));
    }

    @Override
    public String send(String address, Map<String, String> properties, String body) {
        ObjectName mbean = server.queryNames(name(DOMAIN + ":broker=*,component=addresses,address="
                + ObjectName.quote(address)), null).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No address named '" + address + "'"));
        return String.valueOf(call(mbean, "sendMessage",
                new Object[] {properties, TEXT, body, true, account.username(), account.password()},
                "java.util.Map", "int", "java.lang.String", "boolean", "java.lang.String", "java.lang.String"));
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
                queues.put(queue, new QueueInfo(queue, (String) a.get("Address"), (String) a.get("RoutingType"),
                        number(a.get("MessageCount")), (int) number(a.get("ConsumerCount")),
                        number(a.get("MessagesAdded")), number(a.get("MessagesAcknowledged")),
                        a.get("FirstMessageAge") instanceof Number n ? n.longValue() : null,
                        Boolean.TRUE.equals(a.get("Paused")), Boolean.TRUE.equals(a.get("Temporary")),
                        Boolean.TRUE.equals(a.get("InternalQueue")), number(a.get("MessagesExpired")),
                        number(a.get("MessagesKilled"))));
            } catch (JMException e) {
                // the queue went away while we looked
            }
        }
        return queues;
    }

    private Object invoke(String queue, String operation, Object[] args, String... signature) {
        ObjectName mbean = server.queryNames(name(QUEUES + ",queue=" + ObjectName.quote(queue) + ",*"), null).stream()
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No queue named '" + queue + "'"));
        return call(mbean, operation, args, signature);
    }

    private Object call(ObjectName mbean, String operation, Object[] args, String... signature) {
        try {
            return server.invoke(mbean, operation, args, signature);
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(operation + " failed: " + cause.getMessage(), cause);
        } catch (JMException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        }
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

    private static int count(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
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
