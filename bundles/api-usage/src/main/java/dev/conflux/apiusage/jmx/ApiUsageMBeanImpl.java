package dev.conflux.apiusage.jmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.conflux.apiusage.api.ApiUsageService;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.Window;
import java.time.Instant;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=apiusage")
public class ApiUsageMBeanImpl extends StandardMBean implements ApiUsageMXBean {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    @Reference
    private ApiUsageService usage;

    public ApiUsageMBeanImpl() {
        super(ApiUsageMXBean.class, true);
    }

    @Override
    public String usage(String window, String by) {
        return json(usage.usage(Window.of(window), Grouping.of(by)));
    }

    @Override
    public String trend(String window, String operation) {
        return json(usage.trend(Window.of(window), operation));
    }

    @Override
    public String flowCounters(String window) {
        return json(usage.flowCounters(Window.of(window)));
    }

    @Override
    public String consumersOf(String api, String window) {
        return json(usage.consumersOf(api, Window.of(window)));
    }

    @Override
    public String csv(String window, String by, boolean hourly) {
        return usage.csv(Window.of(window), Grouping.of(by), hourly);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage());
        }
    }
}
