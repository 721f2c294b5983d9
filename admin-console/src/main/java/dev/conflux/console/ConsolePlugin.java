package dev.conflux.console;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the Conflux pages (Queues, Dead letters, Flows, Trace, Alerts, Audit, Trust, and New integration, My
 * integrations and Approvals for citizen integrators) with the console the way Hawtio plugins are registered: a
 * {@code hawtio:type=plugin} MBean naming the scripts, which Hawtio loads at login. The scripts are
 * served by this console bundle itself, under /hawtio/js/conflux/ (like Hawtio's own scripts, readable before login:
 * the page code holds nothing secret; every call it makes is authenticated and checked on the server).
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=hawtio:type=plugin,name=conflux")
public class ConsolePlugin extends StandardMBean implements ConsolePluginMBean {

    public ConsolePlugin() throws NotCompliantMBeanException {
        super(ConsolePluginMBean.class);
    }

    @Override
    public String getName() {
        return "conflux";
    }

    @Override
    public String getContext() {
        return "/hawtio";
    }

    @Override
    public String getDomain() {
        return "conflux";
    }

    @Override
    public String[] getScripts() {
        return new String[] {"js/conflux/conflux-plugin.js", "js/conflux/conflux-trust.js",
            "js/conflux/conflux-alerts.js", "js/conflux/conflux-trace.js", "js/conflux/conflux-catalog.js",
            "js/conflux/conflux-api-usage.js", "js/conflux/conflux-cluster.js", "js/conflux/conflux-integrations.js"};
    }
}
