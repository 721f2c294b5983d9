package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.Flows;
import dev.conflux.runtime.api.ServicePlane;
import jakarta.jms.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows contributed by bundles: each {@link RoutesBuilder} service with a {@value Flows#FLOW_NAME} property
 * gets a CamelContext of its own, so one flow failing to start or stop never affects another. All lifecycle work
 * runs on one thread, in the order the services came and went.
 */
@Component(immediate = true, service = {})
public class FlowManager {

    private static final Logger LOG = LoggerFactory.getLogger(FlowManager.class);

    @Reference(target = "(conflux.broker=embedded)")
    private ConnectionFactory connectionFactory;

    @Reference
    private ServicePlane servicePlane;

    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> new Thread(r, "conflux-flow-lifecycle"));
    private final Map<ServiceReference<RoutesBuilder>, RoutesBuilder> pending = new LinkedHashMap<>();
    private final Map<String, CamelContext> running = new LinkedHashMap<>();
    private volatile boolean active;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Flows.FLOW_NAME + "=*)")
    void addFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        synchronized (pending) {
            if (!active) {
                pending.put(ref, builder);
                return;
            }
        }
        lifecycle.execute(() -> start(ref, builder));
    }

    void removeFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        synchronized (pending) {
            if (pending.remove(ref) != null) {
                return;
            }
        }
        String name = flowName(ref);
        lifecycle.execute(() -> stop(name));
    }

    @Activate
    void activate() {
        synchronized (pending) {
            active = true;
            pending.forEach((ref, builder) -> lifecycle.execute(() -> start(ref, builder)));
            pending.clear();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        lifecycle.execute(() -> new java.util.ArrayList<>(running.keySet()).forEach(this::stop));
        lifecycle.shutdown();
        if (!lifecycle.awaitTermination(2, TimeUnit.MINUTES)) {
            LOG.warn("Flows did not stop within 2 minutes");
        }
    }

    private static String flowName(ServiceReference<?> ref) {
        return String.valueOf(ref.getProperty(Flows.FLOW_NAME));
    }

    private void start(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        String name = flowName(ref);
        if (running.containsKey(name)) {
            LOG.error("Flow '{}' FAILED: bundle {} registers a flow of that name, but one is already running (from {})."
                    + " Flow names must be unique.", name, ref.getBundle().getSymbolicName(), running.get(name));
            return;
        }
        ClassLoader runtimeLoader = FlowManager.class.getClassLoader();
        ClassLoader flowLoader = ref.getBundle().adapt(BundleWiring.class).getClassLoader();
        ClassLoader loader = new FlowClassLoader(flowLoader, runtimeLoader);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            context.getCamelContextExtension().setName(name);
            context.setApplicationContextClassLoader(loader);
            context.getShutdownStrategy().setTimeout(30);
            context.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
            context.getRestConfiguration().setComponent("servlet");
            context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
                if (endpoint instanceof CxfEndpoint cxf) {
                    cxf.setBus(servicePlane.bus());
                }
                return endpoint;
            });
            context.addRoutes(builder);
            context.start();
            running.put(name, context);
            LOG.info("Flow '{}' STARTED ({} routes) from bundle {}", name, context.getRoutes().size(),
                    ref.getBundle().getSymbolicName());
        } catch (Exception e) {
            LOG.error("Flow '{}' FAILED to start (bundle {}): {}", name, ref.getBundle().getSymbolicName(), e.getMessage(), e);
            try {
                context.stop();
            } catch (Exception ignored) {
                // already reported the cause
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private void stop(String name) {
        CamelContext context = running.remove(name);
        if (context == null) {
            return;
        }
        try {
            context.stop();
            LOG.info("Flow '{}' STOPPED", name);
        } catch (Exception e) {
            LOG.error("Flow '{}' did not stop cleanly: {}", name, e.getMessage(), e);
        }
    }
}
