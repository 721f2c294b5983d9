package dev.conflux.monitoring.internal.health;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the embedded Artemis broker's state from its MBeans on the platform MBeanServer: the server
 * ({@code org.apache.activemq.artemis:broker="…"}, attributes Started and JournalDirectory) and each acceptor
 * ({@code …,component=acceptors,name="…"}, attribute Started; an acceptor stopped through its AcceptorControl
 * accepts no connection).
 */
final class JmxBroker {

    private static final String DOMAIN = "org.apache.activemq.artemis";

    private final MBeanServer server;
    private final Path defaultJournal;
    private final String role;

    /**
     * @param role the broker's role in a cluster (system property {@code conflux.broker.role}): standalone, primary,
     *             backup or none (a client-only node)
     */
    JmxBroker(MBeanServer server, Path defaultJournal, String role) {
        this.server = server;
        this.defaultJournal = defaultJournal;
        this.role = role == null ? "standalone" : role.strip();
    }

    BrokerState read() {
        if ("none".equals(role)) {
            return BrokerState.clientOnly();
        }
        try {
            Set<ObjectName> brokers = server.queryNames(new ObjectName(DOMAIN + ":broker=*"), null);
            if (brokers.isEmpty()) {
                return BrokerState.absent(defaultJournal);
            }
            ObjectName broker = brokers.iterator().next();
            boolean started = Boolean.TRUE.equals(server.getAttribute(broker, "Started"));
            Object journal = server.getAttribute(broker, "JournalDirectory");
            Path dir = journal == null ? defaultJournal : Path.of(journal.toString());
            Map<String, Boolean> acceptors = new TreeMap<>();
            String pattern = DOMAIN + ":broker=" + broker.getKeyProperty("broker") + ",component=acceptors,name=*";
            for (ObjectName acceptor : server.queryNames(new ObjectName(pattern), null)) {
                acceptors.put(unquoted(acceptor.getKeyProperty("name")),
                        Boolean.TRUE.equals(server.getAttribute(acceptor, "Started")));
            }
            BrokerState.Pair pair = BrokerState.Pair.ACTIVE;
            if (("primary".equals(role) || "backup".equals(role)) && started
                    && !Boolean.TRUE.equals(server.getAttribute(broker, "Active"))) {
                pair = Boolean.TRUE.equals(server.getAttribute(broker, "ReplicaSync")) ? BrokerState.Pair.PASSIVE_IN_SYNC
                        : BrokerState.Pair.PASSIVE_SYNCING;
            }
            return new BrokerState(started, acceptors, dir, pair);
        } catch (JMException | RuntimeException e) {
            // The broker went away between the query and the read: it is not there.
            return BrokerState.absent(defaultJournal);
        }
    }

    private static String unquoted(String value) {
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }
}
