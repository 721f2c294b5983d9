package dev.conflux.connector.jmx;

import dev.conflux.connector.api.ConnectorService;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registered as an OSGi service with {@code jmx.objectname}; Karaf's management bundle puts it into the platform
 * MBeanServer behind its role checks (etc/jmx.acl.conflux.connectors.cfg).
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=connectors")
public class ConnectorsMBeanImpl extends StandardMBean implements ConnectorsMXBean {

    @Reference
    private ConnectorService connectors;

    public ConnectorsMBeanImpl() {
        super(ConnectorsMXBean.class, true);
    }

    @Override
    public ConnectorView[] getConnectors() {
        return connectors.list().stream().map(ConnectorView::of).toArray(ConnectorView[]::new);
    }

    @Override
    public ConnectorView check(String name) {
        return ConnectorView.of(connectors.check(name));
    }
}
