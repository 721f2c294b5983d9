package dev.conflux.runtime.internal;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's properties: its factory configuration {@code conflux.flow} (the file {@code etc/conflux.flow-<name>.cfg},
 * or any with {@code flow = <name>}), minus Config Admin's own keys.
 */
final class FlowConfigurations {

    static final String FLOW_FACTORY_PID = "conflux.flow";
    private static final Pattern CFG_FILE = Pattern.compile("conflux\\.flow-(.+)\\.cfg$");
    private static final Logger LOG = LoggerFactory.getLogger(FlowConfigurations.class);

    private final ConfigurationAdmin configurationAdmin;

    FlowConfigurations(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** Whether the event concerns a flow's configuration. */
    static boolean concernsFlows(ConfigurationEvent event) {
        return FLOW_FACTORY_PID.equals(event.getFactoryPid()) || event.getPid().startsWith(FLOW_FACTORY_PID + "~")
                || event.getPid().startsWith(FLOW_FACTORY_PID + ".");
    }

    Properties of(String name) {
        Properties properties = new Properties();
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + FLOW_FACTORY_PID + ")");
            if (configurations != null) {
                for (Configuration c : configurations) {
                    Dictionary<String, Object> d = c.getProperties();
                    if (d != null && name.equals(configuredFlowName(c.getPid(), d))) {
                        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                            String key = keys.nextElement();
                            if (!key.startsWith("service.") && !key.startsWith("felix.fileinstall.")
                                    && !key.equals("flow")) {
                                properties.setProperty(key, String.valueOf(d.get(key)));
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read the configuration of flow '{}': {}", name, e.getMessage());
        }
        return properties;
    }

    /** The names of the flows whose configuration has {@code key = value} (ignoring case and blanks). */
    Set<String> withKey(String key, String value) {
        Set<String> names = new TreeSet<>();
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + FLOW_FACTORY_PID + ")");
            for (Configuration c : configurations == null ? new Configuration[0] : configurations) {
                Dictionary<String, Object> d = c.getProperties();
                Object v = d == null ? null : d.get(key);
                String name = d == null ? null : configuredFlowName(c.getPid(), d);
                if (v != null && name != null && value.equalsIgnoreCase(String.valueOf(v).trim())) {
                    names.add(name);
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read the flows' configurations: {}", e.getMessage());
        }
        return names;
    }

    static String configuredFlowName(String pid, Dictionary<String, Object> d) {
        if (d.get("flow") != null) {
            return String.valueOf(d.get("flow"));
        }
        Object file = d.get("felix.fileinstall.filename");
        if (file != null) {
            Matcher m = CFG_FILE.matcher(String.valueOf(file));
            if (m.find()) {
                return m.group(1);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde > 0 ? pid.substring(tilde + 1) : null;
    }
}
