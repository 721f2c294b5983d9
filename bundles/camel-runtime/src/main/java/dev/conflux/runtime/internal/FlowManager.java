package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.ComponentProvider;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import dev.conflux.runtime.api.Flows;
import dev.conflux.runtime.api.ServicePlane;
import jakarta.jms.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.spi.ConfigurerResolver;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedCamelContextMBean;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow registry. A flow comes from a file (Camel YAML/XML DSL, handed over by Felix FileInstall from
 * {@code flows/} or {@code deploy/}) or from a bundle (a {@link RoutesBuilder} service with {@value Flows#FLOW_NAME}).
 * Each runs in a CamelContext of its own, so one flow failing never affects another. A file is validated before
 * it replaces a running revision; a rejected or failing revision leaves the previous one running. Every revision
 * is kept ({@link FlowHistory}). A flow's properties come from its factory configuration
 * {@code etc/conflux.flow-<name>.cfg}; a change restarts that flow only. All lifecycle work runs on one thread,
 * in order.
 */
@Component(immediate = true, configurationPid = "conflux.flows",
        service = {FlowService.class, ArtifactInstaller.class, ConfigurationListener.class})
@Designate(ocd = FlowManager.Config.class)
public class FlowManager implements FlowService, ArtifactInstaller, ConfigurationListener {

    @ObjectClassDefinition(name = "Conflux flows", description = "How the runtime runs flows")
    public @interface Config {
        @AttributeDefinition(description = "Seconds a stopping flow gives in-flight exchanges to finish; after that"
                + " they are aborted (transacted JMS messages roll back to their queue)")
        int shutdownTimeoutSeconds() default 30;

        @AttributeDefinition(description = "Where revisions and history are kept (default: ${karaf.data}/conflux/flows)")
        String historyDirectory() default "";
    }

    static final String FLOW_FACTORY_PID = "conflux.flow";
    private static final Pattern CFG_FILE = Pattern.compile("conflux\\.flow-(.+)\\.cfg$");
    private static final Logger LOG = LoggerFactory.getLogger(FlowManager.class);

    @Reference(target = "(&(conflux.broker=embedded)(conflux.broker.pooled=false))")
    private ConnectionFactory broker;

    @Reference
    private ServicePlane servicePlane;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private DeliveryFailureLog deliveryFailures;

    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> new Thread(r, "conflux-flow-lifecycle"));
    private final Map<ServiceReference<RoutesBuilder>, RoutesBuilder> pendingBundles = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final ClassLoader runtimeLoader = FlowManager.class.getClassLoader();
    /** Components contributed by connector instances, by the name flows use. */
    private final Map<String, ComponentProvider> providers = new ConcurrentHashMap<>();
    private final FlowValidator validator = new FlowValidator(runtimeLoader, providers);
    private FlowHistory history;
    private int shutdownTimeout;
    private volatile boolean active;

    /** One flow and its running revision. Touched only on the lifecycle thread. */
    private static final class Flow {
        final String name;
        Path file;
        ServiceReference<RoutesBuilder> bundleRef;
        RoutesBuilder builder;
        String source;
        int revision;
        String content;
        String sha;
        FlowState state = FlowState.FAILED;
        Instant startedAt;
        String lastError;
        Instant lastErrorAt;
        DefaultCamelContext context;
        CachingConnectionFactory connection;
        Properties properties = new Properties();

        Flow(String name) {
            this.name = name;
        }

        void error(String message) {
            lastError = message;
            lastErrorAt = message == null ? null : Instant.now();
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    @Activate
    void activate(Config config) {
        shutdownTimeout = config.shutdownTimeoutSeconds();
        String dir = config.historyDirectory().isBlank()
                ? System.getProperty("karaf.data", "data") + "/conflux/flows" : config.historyDirectory();
        history = new FlowHistory(Paths.get(dir));
        synchronized (pendingBundles) {
            active = true;
            pendingBundles.forEach((ref, builder) -> lifecycle.execute(() -> addBundleFlow(ref, builder)));
            pendingBundles.clear();
        }
        // FileInstall hands over only new or changed files; when the runtime itself restarts, it redeploys the
        // file flows it ran before (FileInstall's own later call for the same content is then a no-op).
        for (Path file : history.rememberedFiles()) {
            lifecycle.execute(() -> {
                if (Files.isRegularFile(file) && FlowFiles.isFlowFile(file)) {
                    try {
                        deployFile(file, "file");
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Flow file {} could not be redeployed: {}", file, e.getMessage(), e);
                    }
                } else {
                    history.forgetFile(FlowFiles.flowName(file));
                }
            });
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        lifecycle.execute(() -> flows.values().forEach(this::stopContext));
        lifecycle.shutdown();
        if (!lifecycle.awaitTermination(shutdownTimeout + 30L, TimeUnit.SECONDS)) {
            LOG.warn("Flows did not stop within {} seconds", shutdownTimeout + 30);
        }
    }

    // ---- components of connector instances ------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ComponentProvider.COMPONENT_NAME + "=*)", updated = "updatedComponentProvider")
    void addComponentProvider(ServiceReference<ComponentProvider> ref, ComponentProvider provider) {
        String name = String.valueOf(ref.getProperty(ComponentProvider.COMPONENT_NAME));
        providers.put(name, provider);
        componentChanged(name, "added");
    }

    void updatedComponentProvider(ServiceReference<ComponentProvider> ref, ComponentProvider provider) {
        componentChanged(String.valueOf(ref.getProperty(ComponentProvider.COMPONENT_NAME)), "reconfigured");
    }

    void removeComponentProvider(ServiceReference<ComponentProvider> ref, ComponentProvider provider) {
        String name = String.valueOf(ref.getProperty(ComponentProvider.COMPONENT_NAME));
        if (providers.remove(name, provider)) {
            componentChanged(name, "removed");
        }
    }

    private void componentChanged(String name, String what) {
        synchronized (pendingBundles) {
            if (!active) {
                return; // activation deploys everything with the providers known by then
            }
        }
        lifecycle.execute(() -> {
            for (Flow flow : new ArrayList<>(flows.values())) {
                String actor = "connector:" + name;
                if (flow.context != null && flow.context.hasComponent(name) != null) {
                    LOG.info("Flow '{}' restarts: component '{}' was {}", flow.name, name, what);
                    activate(flow, flow.revision, flow.content, actor, "RESTART");
                } else if (flow.state == FlowState.FAILED && !"removed".equals(what) && flow.lastError != null
                        && Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(flow.lastError).find()) {
                    LOG.info("Flow '{}' is deployed again: component '{}' was {}", flow.name, name, what);
                    try {
                        if (flow.file != null) {
                            deployFile(flow.file, actor);
                        } else if (flow.content != null) {
                            activate(flow, flow.revision, flow.content, actor, "DEPLOY");
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Flow '{}' could not be deployed again: {}", flow.name, e.getMessage(), e);
                    }
                }
            }
        });
    }

    // ---- flow bundles ----------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Flows.FLOW_NAME + "=*)")
    void addFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        synchronized (pendingBundles) {
            if (!active) {
                pendingBundles.put(ref, builder);
                return;
            }
        }
        lifecycle.execute(() -> addBundleFlow(ref, builder));
    }

    void removeFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        synchronized (pendingBundles) {
            if (pendingBundles.remove(ref) != null || !active) {
                return; // not started yet, or the runtime is stopping and stops every flow itself
            }
        }
        lifecycle.execute(() -> removeBundleFlow(ref));
    }

    private void addBundleFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        String name = String.valueOf(ref.getProperty(Flows.FLOW_NAME));
        Bundle bundle = ref.getBundle();
        String source = "bundle:" + bundle.getSymbolicName() + "/" + bundle.getVersion();
        Flow flow = flows.get(name);
        if (flow != null && flow.bundleRef != ref) {
            LOG.error("Flow '{}' from {} NOT deployed: a flow of that name already exists (from {}). Flow names must"
                    + " be unique.", name, source, flow.source);
            return;
        }
        flow = new Flow(name);
        flow.bundleRef = ref;
        flow.builder = builder;
        flow.source = source;
        flows.put(name, flow);
        String identity = source + "@" + bundle.getLastModified();
        int revision = history.revisionOf(name, identity, "bundle");
        activate(flow, revision, identity, "bundle", "DEPLOY");
    }

    private void removeBundleFlow(ServiceReference<RoutesBuilder> ref) {
        Flow flow = flows.values().stream().filter(f -> f.bundleRef == ref).findFirst().orElse(null);
        if (flow != null) {
            stopContext(flow);
            flows.remove(flow.name);
            history.record(flow.name, flow.revision, "bundle", "UNDEPLOY", flow.source + " stopped");
            LOG.info("Flow '{}' UNDEPLOYED ({} went away)", flow.name, flow.source);
        }
    }

    // ---- flow files (Felix FileInstall) ----------------------------------------------------------------------

    @Override
    public boolean canHandle(File artifact) {
        return FlowFiles.isFlowFile(artifact.toPath());
    }

    @Override
    public void install(File artifact) {
        call(() -> deployFile(artifact.toPath().toAbsolutePath(), "file"));
    }

    @Override
    public void update(File artifact) {
        call(() -> deployFile(artifact.toPath().toAbsolutePath(), "file"));
    }

    @Override
    public void uninstall(File artifact) {
        call(() -> undeployFile(artifact.toPath().toAbsolutePath()));
    }

    private Void deployFile(Path file, String actor) throws IOException {
        String name = FlowFiles.flowName(file);
        if (!FlowFiles.isValidName(name)) {
            LOG.error("Flow file {} NOT deployed: '{}' is not a valid flow name (letters, digits, '.', '_', '-')", file, name);
            return null;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Flow flow = flows.get(name);
        if (flow != null && flow.file == null) {
            LOG.error("Flow file {} NOT deployed: flow '{}' already exists (from {}). Flow names must be unique.",
                    file, name, flow.source);
            return null;
        }
        if (flow != null && !flow.file.equals(file)) {
            LOG.error("Flow file {} NOT deployed: flow '{}' is already deployed from {}. Flow names must be unique.",
                    file, name, flow.file);
            return null;
        }
        if (flow == null) {
            flow = new Flow(name);
            flow.file = file;
            flow.source = "file:" + file;
            flows.put(name, flow);
            history.rememberFile(name, file);
        }
        String sha = FlowHistory.sha256(content);
        if (sha.equals(flow.sha) && flow.context != null) {
            return null; // what runs is already this content (e.g. a rollback wrote the file back)
        }
        List<FlowProblem> problems = validator.validate(file.toString(), content, configurationOf(name));
        if (!problems.isEmpty()) {
            String report = problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n"));
            if (flow.context != null) {
                flow.error("edit rejected, revision " + flow.revision + " keeps running:\n" + report);
                LOG.error("Flow '{}': the edit of {} was REJECTED; revision {} keeps running. Problems:\n{}",
                        name, file, flow.revision, report);
            } else {
                flow.state = FlowState.FAILED;
                flow.error(report);
                LOG.error("Flow '{}' FAILED: {} is not valid. Problems:\n{}", name, file, report);
            }
            history.record(name, 0, actor, "REJECT", report);
            return null;
        }
        int revision = history.revisionOf(name, content, FlowFiles.extension(file));
        activate(flow, revision, content, actor, "DEPLOY");
        return null;
    }

    private Void undeployFile(Path file) {
        Flow flow = flows.get(FlowFiles.flowName(file));
        if (flow != null && file.equals(flow.file)) {
            stopContext(flow);
            flows.remove(flow.name);
            history.forgetFile(flow.name);
            history.record(flow.name, flow.revision, "file", "UNDEPLOY", file + " deleted");
            LOG.info("Flow '{}' UNDEPLOYED ({} deleted)", flow.name, file);
        }
        return null;
    }

    // ---- per-flow configuration ------------------------------------------------------------------------------

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        boolean ours = FLOW_FACTORY_PID.equals(event.getFactoryPid())
                || event.getPid().startsWith(FLOW_FACTORY_PID + "~") || event.getPid().startsWith(FLOW_FACTORY_PID + ".");
        if (ours && active) {
            lifecycle.execute(this::applyConfigurationChanges);
        }
    }

    private void applyConfigurationChanges() {
        for (Flow flow : new ArrayList<>(flows.values())) {
            Properties now = configurationOf(flow.name);
            if (now.equals(flow.properties)) {
                continue;
            }
            if (flow.context != null) {
                LOG.info("Flow '{}': configuration changed, restarting it", flow.name);
                activate(flow, flow.revision, flow.content, "config", "RESTART");  // history: "RESTART by config"
            } else if (flow.file != null && flow.state == FlowState.FAILED && Files.exists(flow.file)) {
                flow.sha = null;
                try {
                    deployFile(flow.file, "config");
                } catch (IOException e) {
                    LOG.error("Flow '{}': cannot read {}: {}", flow.name, flow.file, e.getMessage());
                }
            } else {
                flow.properties = now;
            }
        }
    }

    /** The flow's properties: its factory configuration conflux.flow-&lt;name&gt;, minus Config Admin's own keys. */
    private Properties configurationOf(String name) {
        Properties properties = new Properties();
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + FLOW_FACTORY_PID + ")");
            if (configurations != null) {
                for (Configuration c : configurations) {
                    Dictionary<String, Object> d = c.getProperties();
                    if (d != null && name.equals(configuredFlowName(c.getPid(), d))) {
                        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                            String key = keys.nextElement();
                            if (!key.startsWith("service.") && !key.startsWith("felix.fileinstall.")
                                    && !key.equals("flow")) {
                                properties.setProperty(key, String.valueOf(d.get(key)));
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read the configuration of flow '{}': {}", name, e.getMessage());
        }
        return properties;
    }

    static String configuredFlowName(String pid, Dictionary<String, Object> d) {
        if (d.get("flow") != null) {
            return String.valueOf(d.get("flow"));
        }
        Object file = d.get("felix.fileinstall.filename");
        if (file != null) {
            Matcher m = CFG_FILE.matcher(String.valueOf(file));
            if (m.find()) {
                return m.group(1);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde > 0 ? pid.substring(tilde + 1) : null;
    }

    // ---- running revisions -----------------------------------------------------------------------------------

    /**
     * Replaces what runs with the given revision. If the new revision does not start, the previous one is
     * started again. A flow an operator stopped takes the revision but stays stopped.
     */
    private void activate(Flow flow, int revision, String content, String actor, String action) {
        if (history.isStopped(flow.name)) {
            stopContext(flow);
            flow.revision = revision;
            flow.content = content;
            flow.sha = FlowHistory.sha256(content);
            flow.state = FlowState.STOPPED;
            history.record(flow.name, revision, actor, action, "accepted; the flow stays stopped until started");
            LOG.info("Flow '{}' revision {} accepted; the flow stays STOPPED until started", flow.name, revision);
            return;
        }
        int previousRevision = flow.revision;
        String previousContent = flow.context != null ? flow.content : null;
        stopContext(flow);
        long begin = System.nanoTime();
        try {
            flow.properties = configurationOf(flow.name);
            flow.context = startContext(flow, content);
            flow.revision = revision;
            flow.content = content;
            flow.sha = FlowHistory.sha256(content);
            flow.state = FlowState.STARTED;
            flow.startedAt = Instant.now();
            flow.error(null);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            history.record(flow.name, revision, actor, action, "started in " + millis + " ms");
            LOG.info("Flow '{}' revision {} STARTED from {} ({} routes, {} ms)", flow.name, revision, flow.source,
                    flow.context.getRoutes().size(), millis);
        } catch (Exception e) {
            String cause = flow.source + ": " + explain(FlowValidator.describe(e));
            history.record(flow.name, revision, actor, "FAIL", cause);
            if (previousContent != null && previousRevision != revision) {
                try {
                    flow.context = startContext(flow, previousContent);
                    flow.state = FlowState.STARTED;
                    flow.startedAt = Instant.now();
                    flow.error("revision " + revision + " failed to start, revision " + previousRevision
                            + " restored: " + cause);
                    history.record(flow.name, previousRevision, actor, "RESTORE", "after revision " + revision + " failed");
                    LOG.error("Flow '{}': revision {} FAILED to start ({}); revision {} restored", flow.name,
                            revision, cause, previousRevision, e);
                    return;
                } catch (Exception again) {
                    cause += "; restoring revision " + previousRevision + " failed too: " + FlowValidator.describe(again);
                }
            }
            flow.context = null;
            flow.revision = revision;
            flow.content = content;
            flow.sha = FlowHistory.sha256(content);
            flow.state = FlowState.FAILED;
            flow.error(cause);
            LOG.error("Flow '{}' revision {} FAILED to start: {}", flow.name, revision, cause, e);
        }
    }

    private DefaultCamelContext startContext(Flow flow, String content) throws Exception {
        ClassLoader loader = flow.bundleRef == null ? runtimeLoader
                : new FlowClassLoader(flow.bundleRef.getBundle().adapt(BundleWiring.class).getClassLoader(), runtimeLoader);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        DefaultCamelContext context = new DefaultCamelContext(false);
        try {
            context.getCamelContextExtension().setName(flow.name);
            context.setApplicationContextClassLoader(loader);
            context.setSourceLocationEnabled(true);
            context.getShutdownStrategy().setTimeout(shutdownTimeout);
            context.getPropertiesComponent().setInitialProperties(flow.properties);
            // One broker connection per flow: stopping, failing or reconnecting one flow never touches another's.
            // Producers share the consumer's session (so a transacted consumer's sends commit with it); consumers
            // are never cached, so a stopped flow gives prefetched messages back at once.
            CachingConnectionFactory connection = new CachingConnectionFactory(broker);
            connection.setCacheConsumers(false);
            connection.setReconnectOnException(true);
            flow.connection = connection;
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
            context.getRestConfiguration().setComponent("servlet");
            // REST responses go out in one write with a Content-Length instead of chunked with an extra flush
            // (B3, docs/performance.md). A flow streaming large responses can set chunked: true on its endpoint.
            context.getRestConfiguration().setEndpointProperties(new java.util.HashMap<>(Map.of("chunked", "false")));
            useProvidedComponents(context, providers);
            context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
                if (endpoint instanceof CxfEndpoint cxf) {
                    cxf.setBus(servicePlane.bus());
                }
                return endpoint;
            });
            context.build();
            context.getManagementStrategy().addEventNotifier(new FailedDeliveryNotifier(flow.name, deliveryFailures));
            context.getCamelContextExtension().addInterceptStrategy(new FailedStepRecorder());
            if (flow.builder != null) {
                if (flow.builder instanceof org.apache.camel.builder.RouteBuilder routes) {
                    // A bundle's builder is configured once and re-added at every start; the routes Camel generated
                    // from its REST DSL the last time would be generated again, as duplicates.
                    routes.getRouteCollection().getRoutes().removeIf(r -> r.isCreatedFromRest());
                }
                context.addRoutes(flow.builder);
            } else {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(flow.file.toString(), content));
            }
            context.start();
            return context;
        } catch (Exception | LinkageError e) {
            try {
                context.close();
            } catch (Exception ignored) {
                // the start failure is what gets reported
            }
            closeConnection(flow);
            throw e instanceof Exception ex ? ex : new IllegalStateException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static final Pattern NO_ENDPOINT = Pattern.compile("No endpoint could be found for: ([\\w.+-]+):[^,]*,"
            + " please check your classpath contains the needed Camel component jar\\.?");

    /** Camel's "check your classpath" is no help in a runtime whose components come from connector instances. */
    private String explain(String message) {
        Matcher m = NO_ENDPOINT.matcher(message);
        if (!m.find()) {
            return message;
        }
        String uri = m.group().substring("No endpoint could be found for: ".length(), m.group().indexOf(','));
        return m.replaceFirst(Matcher.quoteReplacement(FlowValidator.unknownComponent(m.group(1), uri, providers)));
    }

    /**
     * Components of connector instances come first; everything else is resolved as Camel normally does. Their
     * generated property configurers (how Camel binds URI options, e.g. a mail endpoint's "to") live in the
     * connector's bundle, which Camel's own lookup through the runtime's class loader cannot see: they are
     * looked up in the class loaders of the components the connectors made.
     */
    static void useProvidedComponents(DefaultCamelContext context, Map<String, ComponentProvider> providers) {
        ComponentResolver camel = PluginHelper.getComponentResolver(context);
        java.util.List<ClassLoader> loaders = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.getCamelContextExtension().addContextPlugin(ComponentResolver.class, (name, ctx) -> {
            ComponentProvider provider = providers.get(name);
            if (provider == null) {
                return camel.resolveComponent(name, ctx);
            }
            org.apache.camel.Component component = provider.createComponent();
            if (component.getClass().getClassLoader() != FlowManager.class.getClassLoader()) {
                ((java.util.concurrent.CopyOnWriteArrayList<ClassLoader>) loaders).addIfAbsent(
                        component.getClass().getClassLoader());
            }
            return component;
        });
        ConfigurerResolver configurers = PluginHelper.getConfigurerResolver(context);
        context.getCamelContextExtension().addContextPlugin(ConfigurerResolver.class, (name, ctx) -> {
            PropertyConfigurer found = configurers.resolvePropertyConfigurer(name, ctx);
            for (java.util.Iterator<ClassLoader> it = loaders.iterator(); found == null && it.hasNext(); ) {
                found = configurerIn(it.next(), name);
            }
            return found;
        });
    }

    private static PropertyConfigurer configurerIn(ClassLoader loader, String name) {
        // Components ask for "<scheme>-endpoint-configurer"; the generated files are named "<scheme>-endpoint".
        String file = name.endsWith("-configurer") ? name.substring(0, name.length() - "-configurer".length()) : name;
        java.net.URL url = loader.getResource("META-INF/services/org/apache/camel/configurer/" + file);
        if (url == null) {
            return null;
        }
        try (java.io.InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            return (PropertyConfigurer) loader.loadClass(p.getProperty("class")).getDeclaredConstructor().newInstance();
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Property configurer {} from {} cannot be loaded: {}", name, url, e.toString());
            return null;
        }
    }

    private static void closeConnection(Flow flow) {
        if (flow.connection != null) {
            flow.connection.destroy();
            flow.connection = null;
        }
    }

    /** Graceful: in-flight exchanges get the shutdown timeout to finish; consumers stop taking new messages first. */
    private void stopContext(Flow flow) {
        DefaultCamelContext context = flow.context;
        flow.context = null;
        flow.startedAt = null;
        if (context == null) {
            closeConnection(flow);
            return;
        }
        long begin = System.nanoTime();
        try {
            context.close();
            LOG.info("Flow '{}' revision {} stopped in {} ms", flow.name, flow.revision,
                    (System.nanoTime() - begin) / 1_000_000);
        } catch (Exception e) {
            LOG.error("Flow '{}' did not stop cleanly: {}", flow.name, e.getMessage(), e);
        } finally {
            closeConnection(flow);
        }
    }

    // ---- FlowService -----------------------------------------------------------------------------------------

    @Override
    public List<FlowStatus> list() {
        return call(() -> flows.values().stream().map(FlowManager::status).toList());
    }

    @Override
    public Optional<FlowStatus> status(String name) {
        return call(() -> Optional.ofNullable(flows.get(name)).map(FlowManager::status));
    }

    @Override
    public FlowStatus start(String name, String actor) {
        return call(() -> {
            Flow flow = flow(name);
            history.setStopped(name, false);
            if (flow.context == null) {
                if (flow.content == null) {
                    throw new FlowOperationException("Flow '" + name + "' has no valid revision to start: " + flow.lastError);
                }
                activate(flow, flow.revision, flow.content, actor, "START");
            }
            return status(flow);
        });
    }

    @Override
    public FlowStatus stop(String name, String actor) {
        return call(() -> {
            Flow flow = flow(name);
            history.setStopped(name, true);
            stopContext(flow);
            flow.state = FlowState.STOPPED;
            history.record(name, flow.revision, actor, "STOP", "stopped");
            LOG.info("Flow '{}' STOPPED by {}", name, actor);
            return status(flow);
        });
    }

    @Override
    public FlowStatus restart(String name, String actor) {
        return call(() -> {
            Flow flow = flow(name);
            if (flow.content == null) {
                throw new FlowOperationException("Flow '" + name + "' has no valid revision to start: " + flow.lastError);
            }
            history.setStopped(name, false);
            activate(flow, flow.revision, flow.content, actor, "RESTART");
            return status(flow);
        });
    }

    @Override
    public FlowStatus rollback(String name, int revision, String actor) {
        return call(() -> {
            Flow flow = flow(name);
            if (flow.file == null) {
                throw new FlowOperationException("Flow '" + name + "' comes from " + flow.source
                        + "; roll a bundle flow back by installing the earlier bundle version (bundle:update)");
            }
            int target = revision > 0 ? revision : previousRevision(flow);
            String content = history.content(name, target);
            if (content == null) {
                throw new FlowOperationException("Flow '" + name + "' has no revision " + target);
            }
            List<FlowProblem> problems = validator.validate(flow.file.toString(), content, configurationOf(name));
            if (!problems.isEmpty()) {
                throw new FlowOperationException("Revision " + target + " of flow '" + name
                        + "' is not valid with the current configuration: " + problems);
            }
            activate(flow, target, content, actor, "ROLLBACK");
            if (flow.revision == target && flow.content.equals(content)) {
                Files.writeString(flow.file, content, StandardCharsets.UTF_8); // what runs is what is on disk
            }
            return status(flow);
        });
    }

    /** The revision that ran before the current one. */
    private int previousRevision(Flow flow) {
        List<FlowRevision> entries = history.history(flow.name);
        for (int i = entries.size() - 1; i >= 0; i--) {
            FlowRevision e = entries.get(i);
            if (e.revision() > 0 && e.revision() != flow.revision
                    && List.of("DEPLOY", "ROLLBACK", "RESTORE").contains(e.action())) {
                return e.revision();
            }
        }
        throw new FlowOperationException("Flow '" + flow.name + "' has no earlier revision than " + flow.revision);
    }

    @Override
    public List<FlowRevision> history(String name) {
        return call(() -> history.history(name));
    }

    @Override
    public List<FlowProblem> validate(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of(new FlowProblem(file.toString(), -1, -1, "no such file"));
        }
        if (!FlowFiles.isFlowFile(file)) {
            return List.of(new FlowProblem(file.toString(), -1, -1,
                    "not a flow file (expected Camel YAML DSL .yaml/.yml, or Camel XML DSL with <routes> or <camel>)"));
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return validator.validate(file.toString(), content, configurationOf(FlowFiles.flowName(file)));
        } catch (IOException e) {
            return List.of(new FlowProblem(file.toString(), -1, -1, "cannot read: " + e.getMessage()));
        }
    }

    private Flow flow(String name) {
        Flow flow = flows.get(name);
        if (flow == null) {
            throw new FlowOperationException("No flow named '" + name + "' (see conflux:flow-list)");
        }
        return flow;
    }

    private static FlowStatus status(Flow flow) {
        long total = 0;
        long failed = 0;
        long inflight = 0;
        long mean = 0;
        long max = 0;
        if (flow.context != null) {
            ManagedCamelContext managed = flow.context.getCamelContextExtension()
                    .getContextPlugin(ManagedCamelContext.class);
            ManagedCamelContextMBean stats = managed == null ? null : managed.getManagedCamelContext();
            if (stats != null) {
                total = stats.getExchangesTotal();
                failed = stats.getExchangesFailed();
                inflight = stats.getExchangesInflight();
                mean = Math.max(0, stats.getMeanProcessingTime());
                max = stats.getMaxProcessingTime();
            }
        }
        return new FlowStatus(flow.name, flow.source, flow.revision, flow.state, flow.startedAt, total, failed,
                inflight, mean, max, flow.lastError, flow.lastErrorAt);
    }

    private <T> T call(Callable<T> work) {
        try {
            return lifecycle.submit(work).get(shutdownTimeout * 3L + 60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FlowOperationException(Objects.toString(e.getCause().getMessage(), e.getCause().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowOperationException("interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new FlowOperationException("timed out after " + Duration.ofSeconds(shutdownTimeout * 3L + 60));
        }
    }
}
