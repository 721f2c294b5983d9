package dev.conflux.catalog.jmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.catalog.api.CatalogService;
import java.nio.file.Path;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=catalog")
public class CatalogMBeanImpl extends StandardMBean implements CatalogMXBean {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Reference
    private CatalogService catalog;

    public CatalogMBeanImpl() {
        super(CatalogMXBean.class, true);
    }

    @Override
    public String getCatalog() {
        return catalog.exportJson();
    }

    @Override
    public String getGraph() {
        return catalog.graphSvg();
    }

    @Override
    public String impact(String kind, String name) {
        return json(catalog.impact(kind, name));
    }

    @Override
    public String impactOfChange(String flowFile) {
        return json(catalog.impactOfChange(Path.of(flowFile)));
    }

    @Override
    public String exportHtml() {
        return catalog.exportHtml();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage());
        }
    }
}
