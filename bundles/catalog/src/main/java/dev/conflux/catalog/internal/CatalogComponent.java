package dev.conflux.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.apiusage.api.ApiUsageService;
import dev.conflux.apiusage.api.Window;
import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.ChangeImpact;
import dev.conflux.catalog.api.Impact;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.ServicePlane;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The catalog, read afresh from the flow runtime and the connector registry whenever it is asked for: there is no
 * copy to keep current, so every deploy, undeploy and configuration change shows at once. The environment's name
 * comes from {@code etc/conflux.environment.cfg}.
 */
@Component(service = CatalogService.class, configurationPid = "conflux.environment",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class CatalogComponent implements CatalogService {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    @Reference
    private FlowService flows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConnectorService connectors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertService alerts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServicePlane servicePlane;

    /** Who calls the published APIs; absent: impact names no consumers. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ApiUsageService usage;

    private volatile String environment = "unknown";
    private final Clock clock;

    public CatalogComponent() {
        this(Clock.systemUTC());
    }

    CatalogComponent(Clock clock) {
        this.clock = clock;
    }

    /** For tests: the services the component would be given. */
    CatalogComponent(Clock clock, FlowService flows, ConnectorService connectors, AlertService alerts) {
        this(clock);
        this.flows = flows;
        this.connectors = connectors;
        this.alerts = alerts;
    }

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        environment = String.valueOf(properties.getOrDefault("name", "unknown"));
    }

    @Override
    public Catalog catalog() {
        List<ConnectorInstance> instances = instances();
        return CatalogGraph.build(environment, clock.instant(), flows.interfaces(), instances, interfaces(instances));
    }

    @Override
    public Impact impact(String kind, String name) {
        AlertService a = alerts;
        Impact impact = new ImpactAnalysis(catalog()).impact(kind, name, a == null ? List.of() : a.rules());
        ApiUsageService u = usage;
        if (u == null || impact.apis().isEmpty()) {
            return impact;
        }
        Map<String, List<String>> known = new TreeMap<>();
        try {
            impact.apis().forEach(api -> known.put(api.name(), List.copyOf(u.consumersOf(api.name(),
                    Window.THIRTY_DAYS))));
        } catch (RuntimeException e) {
            // the roll-ups cannot be read (store down): the impact stands without the consumers
            return impact;
        }
        return impact.withConsumers(known);
    }

    @Override
    public ChangeImpact impactOfChange(Path flowFile) {
        FlowInterfaces next = flows.interfacesOf(flowFile);
        FlowInterfaces running = flows.interfaces().stream().filter(f -> f.flow().equals(next.flow())).findFirst()
                .orElse(null);
        return ChangeAnalysis.of(catalog(), running, next, interfaces(instances()));
    }

    @Override
    public String exportHtml() {
        Catalog c = catalog();
        return HtmlExport.of(c, json(c));
    }

    @Override
    public String graphSvg() {
        return HtmlExport.svg(catalog());
    }

    @Override
    public String exportJson() {
        return json(catalog());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<ConnectorInstance> instances() {
        ConnectorService c = connectors;
        return c == null ? List.of() : c.list();
    }

    private Interfaces interfaces(List<ConnectorInstance> instances) {
        Set<String> names = instances.stream().map(ConnectorInstance::name).collect(Collectors.toSet());
        ServicePlane plane = servicePlane;
        String rest = plane == null ? "http://127.0.0.1:8182/api" : plane.restBaseUrl();
        String soap = plane == null ? "http://127.0.0.1:8182/services" : plane.soapBaseUrl();
        return new Interfaces(names, URI.create(rest).getPath(), rest, soap);
    }
}
