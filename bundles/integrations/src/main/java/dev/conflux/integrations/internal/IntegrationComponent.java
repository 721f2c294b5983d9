package dev.conflux.integrations.internal;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.integrations.api.IntegrationService;
import dev.conflux.runtime.api.FlowService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the integrations service in the container (PID {@code conflux.integrations}, etc/conflux.integrations.cfg)
 * and registers it as {@link IntegrationService}; a configuration change applies to the running service.
 */
@Component(immediate = true, service = {}, configurationPid = "conflux.integrations",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IntegrationComponent.Config.class)
public class IntegrationComponent {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationComponent.class);

    @ObjectClassDefinition(name = "Conflux integrations", description = "Citizen integrators' templates and approvals")
    public @interface Config {
        @AttributeDefinition(description = "Who approves: four-eyes (someone other than the author) or self")
        String approval() default "four-eyes";

        @AttributeDefinition(description = "The templates published in this environment (ids, comma-separated; * for all)")
        String publishedTemplates() default "*";

        @AttributeDefinition(description = "Where the templates are (default: templates/ of the instance)")
        String templatesDirectory() default "";

        @AttributeDefinition(description = "Where the integrations are kept (default: data/conflux/integrations)")
        String dataDirectory() default "";
    }

    @Reference
    private FlowService flows;

    @Reference
    private ConnectorService connectors;

    @Reference
    private AuditLog audit;

    private volatile Governance governance;
    private Integrations integrations;
    private ScheduledExecutorService ticker;
    private ServiceRegistration<IntegrationService> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        governance = governance(config);
        String base = System.getProperty("karaf.base", ".");
        Path templates = Path.of(config.templatesDirectory().isBlank() ? base + "/templates" : config.templatesDirectory());
        Path data = Path.of(config.dataDirectory().isBlank()
                ? System.getProperty("karaf.data", base + "/data") + "/conflux/integrations" : config.dataDirectory());
        Path flowsDirectory = Path.of(System.getProperty("conflux.flows.dir", base + "/flows"));
        TemplateLibrary library = new TemplateLibrary(templates);
        IntegrationStore store = new IntegrationStore(data);
        integrations = new Integrations(library, store, () -> governance, flows, connectors, audit, flowsDirectory,
                Clock.systemDefaultZone());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "conflux-integrations-counts"));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                integrations.views().observe(store.all());
            } catch (RuntimeException e) {
                LOG.debug("Counting the integrations' messages failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.SECONDS);
        LOG.info("Integrations: templates from {}, {} published, approval {}", templates,
                governance.published(), governance.rule());
        library.problems().forEach(p -> LOG.warn("Template not published: {}", p));
        registration = context.registerService(IntegrationService.class, integrations, null);
    }

    @Modified
    void modified(Config config) {
        governance = governance(config);
        LOG.info("Integrations: {} published, approval {}", governance.published(), governance.rule());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        ticker.shutdownNow();
    }

    private static Governance governance(Config config) {
        Set<String> published = Arrays.stream(config.publishedTemplates().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new Governance(published, config.approval().strip());
    }
}
