package dev.conflux.tracing.jmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.conflux.tracing.api.Since;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceService;
import java.time.Instant;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=traces")
public class TracesMBeanImpl extends StandardMBean implements TracesMBean {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    @Reference
    private TraceService traces;

    public TracesMBeanImpl() {
        super(TracesMBean.class, false);
    }

    TracesMBeanImpl(TraceService traces) {
        this();
        this.traces = traces;
    }

    @Override
    public String search(String text, String flow, String since, boolean failedOnly, int limit) {
        TraceQuery query = new TraceQuery(blankToNull(text), null, null, null, blankToNull(flow),
                Since.parse(since, Instant.now()), null, failedOnly, limit);
        return json(traces.search(query));
    }

    @Override
    public String trace(String keyOrId) {
        String key = blankToNull(keyOrId);
        if (key == null) {
            throw new IllegalArgumentException("Give a business key, trace id or JMS message id");
        }
        return json(traces.find(key).orElse(null));
    }

    @Override
    public String getStats() {
        return json(traces.stats());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the result as JSON: " + e.getOriginalMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
