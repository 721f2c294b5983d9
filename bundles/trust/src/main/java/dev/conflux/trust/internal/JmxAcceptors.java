package dev.conflux.trust.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The embedded Artemis broker's acceptors from its own management MBeans (what the broker really opened, with the
 * ports it was started with). Passwords are masked by the broker itself.
 */
final class JmxAcceptors implements Acceptors {

    private static final String DOMAIN = "org.apache.activemq.artemis";

    private final MBeanServer server;

    JmxAcceptors(MBeanServer server) {
        this.server = server;
    }

    @Override
    public List<Acceptor> list() {
        List<Acceptor> acceptors = new ArrayList<>();
        for (ObjectName name : server.queryNames(name(DOMAIN + ":component=acceptors,*"), null)) {
            try {
                Object started = server.getAttribute(name, "Started");
                acceptors.add(new Acceptor(String.valueOf(server.getAttribute(name, "Name")),
                        parameters(server.getAttribute(name, "Parameters")), Boolean.TRUE.equals(started)));
            } catch (JMException e) {
                // the broker is stopping; what it still has is listed
            }
        }
        acceptors.sort(Comparator.comparing(Acceptor::name));
        return acceptors;
    }

    @Override
    public Boolean securityEnabled() {
        for (ObjectName name : server.queryNames(name(DOMAIN + ":broker=*"), null)) {
            try {
                return (Boolean) server.getAttribute(name, "SecurityEnabled");
            } catch (JMException e) {
                return null;
            }
        }
        return null;
    }

    /** A plain map from Artemis's standard MBean; tolerated as open data in case it is ever served as an MXBean. */
    private static Map<String, Object> parameters(Object value) {
        Map<String, Object> parameters = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> parameters.put(String.valueOf(k), v));
        } else if (value instanceof TabularData table) {
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                parameters.put(String.valueOf(entry.get("key")), entry.get("value"));
            }
        }
        return parameters;
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (JMException e) {
            throw new IllegalArgumentException(pattern, e);
        }
    }
}
