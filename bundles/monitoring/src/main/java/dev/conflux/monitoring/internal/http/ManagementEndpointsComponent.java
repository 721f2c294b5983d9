package dev.conflux.monitoring.internal.http;

import dev.conflux.monitoring.api.HealthService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.servlet.ServletException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;

/**
 * {@code /metrics} and {@code /health/live}, {@code /health/ready} on the management plane (Pax Web's HttpService,
 * the listener of the console and Jolokia: HTTP on 8181, HTTPS where the environment turns it on), behind HTTP
 * Basic against the realm {@code karaf}.
 */
@Component(immediate = true)
public final class ManagementEndpointsComponent {

    static final String REALM = "karaf";

    @Reference
    private HttpService http;
    @Reference(target = "(conflux.registry=prometheus)")
    private MeterRegistry registry;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthService health;

    @Activate
    void activate() throws ServletException, NamespaceException {
        BasicAuthContext context = new BasicAuthContext(new JaasLogin(REALM), http.createDefaultHttpContext());
        http.registerServlet("/metrics", new MetricsServlet((PrometheusMeterRegistry) registry), null, context);
        try {
            http.registerServlet("/health", new HealthServlet(() -> health), null, context);
        } catch (ServletException | NamespaceException | RuntimeException e) {
            http.unregister("/metrics");
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        for (String alias : new String[] {"/metrics", "/health"}) {
            try {
                http.unregister(alias);
            } catch (IllegalArgumentException e) {
                // already gone with the HttpService
            }
        }
    }
}
