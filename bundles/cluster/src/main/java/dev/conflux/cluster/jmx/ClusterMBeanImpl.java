package dev.conflux.cluster.jmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.conflux.cluster.api.ClusterService;
import java.time.Instant;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=cluster")
public class ClusterMBeanImpl extends StandardMBean implements ClusterMXBean {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    @Reference
    private ClusterService cluster;

    public ClusterMBeanImpl() {
        super(ClusterMXBean.class, true);
    }

    @Override
    public String status() {
        try {
            return JSON.writeValueAsString(cluster.view());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage());
        }
    }
}
