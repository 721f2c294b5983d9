package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.ComponentProvider;
import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.Flows;
import dev.conflux.runtime.internal.tracing.RecorderHolder;
import dev.conflux.runtime.internal.tracing.TraceNotifier;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Component;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.servlet.ServletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.spi.ConfigurerResolver;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.cxf.Bus;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Builds a flow's CamelContext: the flow's name, class loader and properties, the components of connector
 * instances, and (for a running flow) the {@code jms} component on a broker connection of the flow's own, the
 * service plane for {@code cxf:} and REST endpoints, failure recording and message tracing. The validator builds its
 * contexts here too, so a flow is checked in the same setting it runs in.
 */
final class FlowContextFactory implements RevisionPolicy.Starter {

    /** What a running flow is wired to; null for a factory that only validates. */
    record Wiring(ConnectionFactory broker, int sessionCacheSize, Bus bus, DeliveryFailureLog failures,
            int shutdownTimeoutSeconds, RecorderHolder traces, ManagementStatisticsLevel statistics) {

        /** Counting per flow and route only (conflux.flows.cfg: statistics = routes). */
        Wiring(ConnectionFactory broker, int sessionCacheSize, Bus bus, DeliveryFailureLog failures,
                int shutdownTimeoutSeconds, RecorderHolder traces) {
            this(broker, sessionCacheSize, bus, failures, shutdownTimeoutSeconds, traces,
                    ManagementStatisticsLevel.RoutesOnly);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowContextFactory.class);

    private final ClassLoader runtimeLoader;
    private final Map<String, ComponentProvider> providers;
    private final Wiring wiring;
    private final Singletons singletons;

    FlowContextFactory(ClassLoader runtimeLoader, Map<String, ComponentProvider> providers, Wiring wiring) {
        this(runtimeLoader, providers, wiring, Singletons.fromSystemProperties());
    }

    FlowContextFactory(ClassLoader runtimeLoader, Map<String, ComponentProvider> providers, Wiring wiring,
            Singletons singletons) {
        this.runtimeLoader = runtimeLoader;
        this.providers = providers;
        this.wiring = wiring;
        this.singletons = singletons;
    }

    Map<String, ComponentProvider> providers() {
        return providers;
    }

    ClassLoader runtimeLoader() {
        return runtimeLoader;
    }

    /** A context that is built (not started) with the flow's properties and the connector instances' components. */
    DefaultCamelContext newContext(String name, ClassLoader loader, Properties properties) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.getCamelContextExtension().setName(name);
        context.setApplicationContextClassLoader(loader);
        context.setSourceLocationEnabled(true);
        context.getPropertiesComponent().setInitialProperties(properties);
        useProvidedComponents(context);
        context.getRegistry().bind(CsvRecords.NAME, new CsvRecords());
        return context;
    }

    /** Builds and starts a revision of the flow; on failure nothing of it is left open. */
    @Override
    public CamelFlow start(Flow flow, int revision, String content, Properties properties) throws Exception {
        ClassLoader loader = flow.bundleRef() == null ? runtimeLoader
                : new FlowClassLoader(flow.bundleRef().getBundle().adapt(BundleWiring.class).getClassLoader(), runtimeLoader);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        CachingConnectionFactory connection = connection();
        DefaultCamelContext context = newContext(flow.name(), loader, properties);
        try {
            configure(context, flow, revision, properties, connection);
            if (flow.builder() != null) {
                if (flow.builder() instanceof RouteBuilder routes) {
                    // A bundle's builder is configured once and re-added at every start; the routes Camel generated
                    // from its REST DSL the last time would be generated again, as duplicates.
                    routes.getRouteCollection().getRoutes().removeIf(r -> r.isCreatedFromRest());
                }
                context.addRoutes(flow.builder());
            } else {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(flow.file().toString(), content));
            }
            FlowEndpoints.Read read = FlowEndpoints.read(context);
            LearnedTargets learned = null;
            if (read.endpoints().stream().anyMatch(e -> e.origin() == FlowEndpoint.Origin.DYNAMIC
                    && e.uri().startsWith("jms:"))) {
                learned = new LearnedTargets();
                context.getManagementStrategy().addEventNotifier(learned);
            }
            context.start();
            return new CamelFlow(flow.name(), context, connection, read, learned);
        } catch (Exception | LinkageError e) {
            try {
                context.close();
            } catch (Exception ignored) {
                // the start failure is what gets reported
            }
            connection.destroy();
            throw explained(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static final Pattern NO_ENDPOINT = Pattern.compile("No endpoint could be found for: ([\\w.+-]+):[^,]*,"
            + " please check your classpath contains the needed Camel component jar\\.?");

    /** Camel's "check your classpath" is no help in a runtime whose components come from connector instances. */
    private RevisionPolicy.StartFailure explained(Throwable e) {
        String message = FlowValidator.describe(e);
        Matcher m = NO_ENDPOINT.matcher(message);
        if (!m.find()) {
            return new RevisionPolicy.StartFailure(message, Set.of(), e);
        }
        String uri = m.group().substring("No endpoint could be found for: ".length(), m.group().indexOf(','));
        return new RevisionPolicy.StartFailure(
                m.replaceFirst(Matcher.quoteReplacement(FlowValidator.unknownComponent(m.group(1), uri, providers))),
                Set.of(m.group(1)), e);
    }

    /**
     * One broker connection per flow: stopping, failing or reconnecting one flow never touches another's.
     * Producers share the consumer's session (so a transacted consumer's sends commit with it); consumers are
     * never cached, so a stopped flow gives prefetched messages back at once. Sessions for producers outside a
     * consumer's session (e.g. a timer or REST route sending to a queue) are cached up to
     * {@code sessionCacheSize} (etc/conflux.broker.cfg).
     */
    CachingConnectionFactory connection() {
        CachingConnectionFactory connection = new CachingConnectionFactory(wiring.broker());
        connection.setSessionCacheSize(wiring.sessionCacheSize());
        connection.setCacheConsumers(false);
        connection.setReconnectOnException(true);
        return connection;
    }

    /** Everything a running flow gets besides its routes; the context is built afterwards. */
    void configure(DefaultCamelContext context, Flow flow, int revision, Properties properties,
            CachingConnectionFactory connection) {
        context.getShutdownStrategy().setTimeout(wiring.shutdownTimeoutSeconds());
        JmsComponent jms = JmsComponent.jmsComponent(connection);
        // transacted=true means a local JMS session transaction on the listener's own cached session and
        // consumer. Camel's default would create a JmsTransactionManager, under which Spring's listener
        // container caches nothing and opens a new consumer for every message: measured 3x slower (B1,
        // docs/performance.md) with the same guarantee. A flow can still name its own transactionManager.
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        // Consumers are transacted unless a flow says transacted=false: a message a flow fails on goes back to
        // the broker, which redelivers it and, after the attempts set for its address, dead-letters it.
        jms.getConfiguration().setTransacted(true);
        context.addComponent("jms", jms);
        ServletComponent servlet = new ServletComponent();
        servlet.setHeaderFilterStrategy(new RestResponseHeaders());
        context.addComponent("servlet", servlet);
        context.getRestConfiguration().setComponent("servlet");
        // REST responses go out in one write with a Content-Length instead of chunked with an extra flush
        // (B3, docs/performance.md). A flow streaming large responses can set chunked: true on its endpoint.
        context.getRestConfiguration().setEndpointProperties(new HashMap<>(Map.of("chunked", "false")));
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
            if (endpoint instanceof CxfEndpoint cxf) {
                cxf.setBus(wiring.bus());
            }
            return endpoint;
        });
        singletons.apply(context, flow.name(), singletonProperties(flow, properties));
        context.build();
        // The flow's and its routes' counters (what the flow list, the console and /metrics show) always; each
        // step's own only when asked (statistics = processors): they cost every step of every message (B3).
        if (context.getManagementStrategy().getManagementAgent() != null) {
            context.getManagementStrategy().getManagementAgent().setStatisticsLevel(wiring.statistics());
        }
        context.getManagementStrategy().addEventNotifier(new FailedDeliveryNotifier(flow.name(), wiring.failures()));
        FlowMetrics.instrument(context);
        context.getCamelContextExtension().addInterceptStrategy(new FailedStepRecorder());
        if (wiring.traces() != null) {
            context.getManagementStrategy().addEventNotifier(TraceNotifier.of(flow.name(), revision, properties,
                    context, wiring.traces()));
        }
    }

    /** A bundle flow may say {@code conflux.flow.singleton} on its service; its configuration has the last word. */
    static Properties singletonProperties(Flow flow, Properties properties) {
        Object declared = flow.bundleRef() == null ? null
                : flow.bundleRef().getProperty(Flows.FLOW_NAME + "." + Singletons.PROPERTY);
        if (declared == null || properties.getProperty(Singletons.PROPERTY) != null) {
            return properties;
        }
        Properties effective = new Properties();
        effective.putAll(properties);
        effective.setProperty(Singletons.PROPERTY, declared.toString());
        return effective;
    }

    /**
     * Components of connector instances come first; everything else is resolved as Camel normally does. Their
     * generated property configurers (how Camel binds URI options, e.g. a mail endpoint's "to") live in the
     * connector's bundle, which Camel's own lookup through the runtime's class loader cannot see: they are
     * looked up in the class loaders of the components the connectors made.
     */
    private void useProvidedComponents(DefaultCamelContext context) {
        ComponentResolver camel = PluginHelper.getComponentResolver(context);
        CopyOnWriteArrayList<ClassLoader> loaders = new CopyOnWriteArrayList<>();
        context.getCamelContextExtension().addContextPlugin(ComponentResolver.class, (name, ctx) -> {
            ComponentProvider provider = providers.get(name);
            if (provider == null) {
                return camel.resolveComponent(name, ctx);
            }
            Component component = provider.createComponent();
            if (component.getClass().getClassLoader() != runtimeLoader) {
                loaders.addIfAbsent(component.getClass().getClassLoader());
            }
            return component;
        });
        ConfigurerResolver configurers = PluginHelper.getConfigurerResolver(context);
        context.getCamelContextExtension().addContextPlugin(ConfigurerResolver.class, (name, ctx) -> {
            PropertyConfigurer found = configurers.resolvePropertyConfigurer(name, ctx);
            for (Iterator<ClassLoader> it = loaders.iterator(); found == null && it.hasNext(); ) {
                found = configurerIn(it.next(), name);
            }
            return found;
        });
    }

    private static PropertyConfigurer configurerIn(ClassLoader loader, String name) {
        // Components ask for "<scheme>-endpoint-configurer"; the generated files are named "<scheme>-endpoint".
        String file = name.endsWith("-configurer") ? name.substring(0, name.length() - "-configurer".length()) : name;
        URL url = loader.getResource("META-INF/services/org/apache/camel/configurer/" + file);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            return (PropertyConfigurer) loader.loadClass(p.getProperty("class")).getDeclaredConstructor().newInstance();
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Property configurer {} from {} cannot be loaded: {}", name, url, e.toString());
            return null;
        }
    }

    /** A started revision: its CamelContext and the broker connection it alone uses. */
    static final class CamelFlow implements RevisionPolicy.Running {
        private final String name;
        private final DefaultCamelContext context;
        private final CachingConnectionFactory connection;
        private final FlowEndpoints.Read written;
        private final LearnedTargets learnedTargets;
        private final boolean dynamic;
        /** What {@link #endpoints()} said when the flow stopped: closing the context empties its registry. */
        private volatile FlowEndpoints.Read atStop;

        /**
         * @param written what the routes say, read before the start
         * @param learnedTargets what the dynamic JMS targets resolved to, null for a flow without dynamic targets
         */
        CamelFlow(String name, DefaultCamelContext context, CachingConnectionFactory connection,
                FlowEndpoints.Read written, LearnedTargets learnedTargets) {
            this.name = name;
            this.context = context;
            this.connection = connection;
            this.written = FlowEndpoints.withSoapOperations(written, context);
            this.learnedTargets = learnedTargets;
            this.dynamic = written.endpoints().stream().anyMatch(e -> e.origin() == FlowEndpoint.Origin.DYNAMIC);
        }

        /** What the routes say, and the endpoints their dynamic targets resolved to while they ran. */
        @Override
        public FlowEndpoints.Read endpoints() {
            FlowEndpoints.Read stopped = atStop;
            if (stopped != null) {
                return stopped;
            }
            if (!dynamic) {
                return written;
            }
            List<FlowEndpoint> all = new ArrayList<>(written.endpoints());
            all.addAll(FlowEndpoints.learned(context));
            if (learnedTargets != null) {
                all.addAll(learnedTargets.endpoints());
            }
            return new FlowEndpoints.Read(List.copyOf(all), written.declared());
        }

        @Override
        public int routes() {
            return context.getRoutes().size();
        }

        @Override
        public boolean usesComponent(String component) {
            return context.hasComponent(component) != null;
        }

        @Override
        public FlowStats stats() {
            return FlowStats.of(context);
        }

        /** Graceful: consumers stop taking new messages, in-flight exchanges get the shutdown timeout to finish. */
        @Override
        public void stop() {
            atStop = endpoints();
            try {
                context.close();
            } catch (Exception e) {
                LOG.error("Flow '{}' did not stop cleanly: {}", name, e.getMessage(), e);
            } finally {
                connection.destroy();
            }
        }

        DefaultCamelContext context() {
            return context;
        }
    }
}
