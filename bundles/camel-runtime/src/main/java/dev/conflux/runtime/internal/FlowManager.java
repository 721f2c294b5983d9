package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.ComponentProvider;
import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import dev.conflux.runtime.api.FlowTrial;
import dev.conflux.runtime.api.Flows;
import dev.conflux.runtime.api.ServicePlane;
import dev.conflux.runtime.internal.tracing.RecorderHolder;
import dev.conflux.tracing.api.TraceRecorder;
import jakarta.jms.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow registry. A flow comes from a file (Camel YAML/XML DSL, handed over by Felix FileInstall from
 * {@code flows/} or {@code deploy/}) or from a bundle (a {@link RoutesBuilder} service with {@value Flows#FLOW_NAME}).
 * Each runs in a CamelContext of its own ({@link FlowContextFactory}), so one flow failing never affects another.
 * A file is validated before it replaces a running revision; a rejected or failing revision leaves the previous
 * one running ({@link RevisionPolicy}). Every revision is kept ({@link FlowHistory}). A flow's properties come
 * from its factory configuration {@code etc/conflux.flow-<name>.cfg}; a change restarts that flow only.
 *
 * <p>Each flow's transitions run on its own lane ({@link FlowLanes}), one at a time and in order; flows never wait
 * for each other. Reads ({@link #list()}, {@link #status}) take each flow's published snapshot and never wait.
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

        @AttributeDefinition(description = "Camel's statistics of each flow: 'routes' (the flow's and each route's"
                + " counters) or 'processors' (each step's too, for Hawtio's Camel tab; costs every step)")
        String statistics() default "routes";
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowManager.class);

    @Reference(target = "(&(conflux.broker=embedded)(conflux.broker.pooled=false))")
    private ServiceReference<ConnectionFactory> brokerRef;

    @Reference(target = "(&(conflux.broker=embedded)(conflux.broker.pooled=false))")
    private ConnectionFactory broker;

    @Reference
    private ServicePlane servicePlane;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private DeliveryFailureLog deliveryFailures;

    /** Message tracing, shared by every flow's context: the recorder may come and go while flows run. */
    private final RecorderHolder traceRecorder = new RecorderHolder();
    private final Map<ServiceReference<RoutesBuilder>, RoutesBuilder> pendingBundles = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    /** Components contributed by connector instances, by the name flows use. */
    private final Map<String, ComponentProvider> providers = new ConcurrentHashMap<>();
    private FlowLanes lanes;
    private FlowHistory history;
    private FlowConfigurations configurations;
    private RevisionPolicy policy;
    private FileDeployer files;
    private FlowControl control;
    private FlowTrials trials;
    private int shutdownTimeout;
    private volatile boolean active;

    /** {@code statistics} of etc/conflux.flows.cfg; a value it does not know is said in the log, and routes used. */
    static ManagementStatisticsLevel statisticsLevel(String value) {
        switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "routes":
                return ManagementStatisticsLevel.RoutesOnly;
            case "processors":
                return ManagementStatisticsLevel.Default;
            default:
                LOG.error("etc/conflux.flows.cfg: key 'statistics': '{}' is neither 'routes' nor 'processors';"
                        + " counting per flow and route (routes)", value);
                return ManagementStatisticsLevel.RoutesOnly;
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    @Activate
    void activate(Config config) {
        shutdownTimeout = config.shutdownTimeoutSeconds();
        String dir = config.historyDirectory().isBlank()
                ? System.getProperty("karaf.data", "data") + "/conflux/flows" : config.historyDirectory();
        history = new FlowHistory(Paths.get(dir));
        configurations = new FlowConfigurations(configurationAdmin);
        FlowContextFactory contexts = new FlowContextFactory(FlowManager.class.getClassLoader(), providers,
                new FlowContextFactory.Wiring(broker, sessionCacheSize(brokerRef), servicePlane.bus(), deliveryFailures,
                        shutdownTimeout, traceRecorder, statisticsLevel(config.statistics())));
        FlowValidator validator = new FlowValidator(contexts);
        trials = new FlowTrials(contexts, Duration.ofSeconds(10));
        policy = new RevisionPolicy(contexts, history, configurations::of);
        lanes = new FlowLanes(Duration.ofSeconds(shutdownTimeout * 3L + 60));
        files = new FileDeployer(flows, history, configurations, validator, policy);
        control = new FlowControl(flows, lanes, history, configurations, validator, policy);
        synchronized (pendingBundles) {
            active = true;
            pendingBundles.forEach(this::addFlow);
            pendingBundles.clear();
        }
        // FileInstall hands over only new or changed files; when the runtime itself restarts, it redeploys the
        // file flows it ran before (FileInstall's own later call for the same content is then a no-op).
        for (Path file : history.rememberedFiles()) {
            lanes.submit(FlowFiles.flowName(file), () -> {
                if (Files.isRegularFile(file) && FlowFiles.isFlowFile(file)) {
                    try {
                        files.deploy(file, "file");
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Flow file {} could not be redeployed: {}", file, e.getMessage(), e);
                    }
                } else {
                    history.forgetFile(FlowFiles.flowName(file));
                }
                return null;
            });
        }
    }

    /** The broker connection's {@code sessionCacheSize} (etc/conflux.broker.cfg), published with its service. */
    static int sessionCacheSize(ServiceReference<?> ref) {
        Object size = ref.getProperty(BrokerConnection.SESSION_CACHE_SIZE);
        return size == null ? 10 : Integer.parseInt(String.valueOf(size));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        for (Flow flow : flows.values()) {
            lanes.submit(flow.name(), () -> {
                policy.halt(flow);
                return null;
            });
        }
        if (!lanes.close(Duration.ofSeconds(shutdownTimeout + 30L))) {
            LOG.warn("Flows did not stop within {} seconds", shutdownTimeout + 30);
        }
    }

    // ---- message tracing ---------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTraceRecorder(TraceRecorder recorder) {
        traceRecorder.set(recorder);
    }

    void unsetTraceRecorder(TraceRecorder recorder) {
        traceRecorder.unset(recorder);
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

    /** Flows using the component restart; failed flows that were missing it are deployed again. */
    private void componentChanged(String name, String what) {
        if (!active) {
            return; // activation deploys everything with the providers known by then
        }
        String actor = "connector:" + name;
        for (Flow flow : flows.values()) {
            lanes.submit(flow.name(), () -> {
                Flow.Snapshot now = flow.now();
                if (flows.get(flow.name()) != flow) {
                    return null; // undeployed meanwhile
                }
                if (now.running() != null && now.running().usesComponent(name)) {
                    LOG.info("Flow '{}' restarts: component '{}' was {}", flow.name(), name, what);
                    policy.activate(flow, now.revision(), now.content(), actor, "RESTART");
                } else if (now.state() == FlowState.FAILED && !"removed".equals(what)
                        && now.missingComponents().contains(name)) {
                    LOG.info("Flow '{}' is deployed again: component '{}' was {}", flow.name(), name, what);
                    try {
                        if (flow.file() != null) {
                            files.deploy(flow.file(), actor);
                        } else if (now.content() != null) {
                            policy.activate(flow, now.revision(), now.content(), actor, "DEPLOY");
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Flow '{}' could not be deployed again: {}", flow.name(), e.getMessage(), e);
                    }
                }
                return null;
            });
        }
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
        String name = String.valueOf(ref.getProperty(Flows.FLOW_NAME));
        lanes.submit(name, () -> addBundleFlow(name, ref, builder));
    }

    void removeFlow(ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        synchronized (pendingBundles) {
            if (pendingBundles.remove(ref) != null || !active) {
                return; // not started yet, or the runtime is stopping and stops every flow itself
            }
        }
        String name = String.valueOf(ref.getProperty(Flows.FLOW_NAME));
        lanes.submit(name, () -> removeBundleFlow(name, ref));
    }

    private Void addBundleFlow(String name, ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        Bundle bundle = ref.getBundle();
        String source = "bundle:" + bundle.getSymbolicName() + "/" + bundle.getVersion();
        Flow existing = flows.get(name);
        if (existing != null && existing.bundleRef() != ref) {
            LOG.error("Flow '{}' from {} NOT deployed: a flow of that name already exists (from {}). Flow names must"
                    + " be unique.", name, source, existing.source());
            return null;
        }
        Flow flow = Flow.fromBundle(name, source, ref, builder);
        flows.put(name, flow);
        String identity = source + "@" + bundle.getLastModified();
        int revision = history.revisionOf(name, identity, "bundle");
        policy.activate(flow, revision, identity, "bundle", "DEPLOY");
        return null;
    }

    private Void removeBundleFlow(String name, ServiceReference<RoutesBuilder> ref) {
        Flow flow = flows.get(name);
        if (flow != null && flow.bundleRef() == ref) {
            policy.halt(flow);
            flows.remove(name);
            history.record(name, flow.now().revision(), "bundle", "UNDEPLOY", flow.source() + " stopped");
            LOG.info("Flow '{}' UNDEPLOYED ({} went away)", name, flow.source());
        }
        return null;
    }

    // ---- flow files (Felix FileInstall) ----------------------------------------------------------------------

    @Override
    public boolean canHandle(File artifact) {
        return FlowFiles.isFlowFile(artifact.toPath());
    }

    /** Queued on the flow's lane: FileInstall goes on with the other files while this one deploys. */
    @Override
    public void install(File artifact) {
        Path file = artifact.toPath().toAbsolutePath();
        lanes.submit(FlowFiles.flowName(file), () -> files.deploy(file, "file"));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        Path file = artifact.toPath().toAbsolutePath();
        lanes.submit(FlowFiles.flowName(file), () -> files.undeploy(file));
    }


    // ---- per-flow configuration ------------------------------------------------------------------------------

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (active && FlowConfigurations.concernsFlows(event)) {
            for (Flow flow : flows.values()) {
                lanes.submit(flow.name(), () -> applyConfiguration(flow));
            }
        }
    }

    private Void applyConfiguration(Flow flow) throws IOException {
        Properties now = configurations.of(flow.name());
        Flow.Snapshot s = flow.now();
        if (flows.get(flow.name()) != flow || now.equals(s.properties())) {
            return null;
        }
        if (s.running() != null) {
            LOG.info("Flow '{}': configuration changed, restarting it", flow.name());
            policy.activate(flow, s.revision(), s.content(), "config", "RESTART");  // history: "RESTART by config"
        } else if (flow.file() != null && s.state() == FlowState.FAILED && Files.exists(flow.file())) {
            flow.configured(now);
            files.deploy(flow.file(), "config");
        } else {
            flow.configured(now);
        }
        return null;
    }

    // ---- FlowService -----------------------------------------------------------------------------------------

    @Override
    public List<FlowStatus> list() {
        return flows.values().stream().filter(Flow::settled).map(Flow::status)
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public Optional<FlowStatus> status(String name) {
        return Optional.ofNullable(flows.get(name)).filter(Flow::settled).map(Flow::status);
    }

    @Override
    public List<FlowInterfaces> interfaces() {
        return flows.values().stream().filter(Flow::settled).map(Flow::interfaces)
                .sorted((a, b) -> a.flow().compareTo(b.flow())).toList();
    }

    @Override
    public String openApi(String serverUrl) {
        return OpenApiDocument.of(flows.values(), serverUrl);
    }

    @Override
    public FlowInterfaces interfacesOf(Path file) {
        return control.interfacesOf(file);
    }

    /** Read from the configurations as they are now, so a flow that is not (yet) deployed is judged too. */
    @Override
    public Set<String> criticalFlows() {
        return configurations.withKey(CRITICAL, "true");
    }

    /** Its first deployment is over: a revision runs (or ran), or it failed and says why. */
    private static boolean takenUp(Flow flow) {
        if (flow == null) {
            return false;
        }
        FlowStatus status = flow.status();
        return status.revision() > 0 || status.lastError() != null;
    }

    @Override
    public Set<String> flowFilesNotDeployed() {
        String dir = System.getProperty("conflux.flows.dir", "").strip();
        if (dir.isEmpty()) {
            return Set.of();
        }
        Set<String> pending = new java.util.TreeSet<>();
        try (var files = Files.newDirectoryStream(Path.of(dir))) {
            for (Path file : files) {
                String name = FlowFiles.flowName(file);
                if (Files.isRegularFile(file) && FlowFiles.isFlowFile(file) && FlowFiles.isValidName(name)
                        && !takenUp(flows.get(name))) {
                    pending.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return pending;
    }

    @Override
    public FlowStatus start(String name, String actor) {
        return control.start(name, actor);
    }

    @Override
    public FlowStatus stop(String name, String actor) {
        return control.stop(name, actor);
    }

    @Override
    public FlowStatus restart(String name, String actor) {
        return control.restart(name, actor);
    }

    @Override
    public FlowStatus rollback(String name, int revision, String actor) {
        return control.rollback(name, revision, actor);
    }

    @Override
    public List<FlowRevision> history(String name) {
        return history.history(name);
    }

    @Override
    public List<FlowProblem> validate(Path file) {
        return control.validate(file);
    }

    @Override
    public FlowTrial trial(String name, String content, String body, Map<String, String> headers) {
        return trials.run(name, content, body, headers);
    }
}
