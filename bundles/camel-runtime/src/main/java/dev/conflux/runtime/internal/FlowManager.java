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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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

    private final Map<ServiceReference<RoutesBuilder>, RoutesBuilder> pendingBundles = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    /** Components contributed by connector instances, by the name flows use. */
    private final Map<String, ComponentProvider> providers = new ConcurrentHashMap<>();
    private FlowLanes lanes;
    private FlowHistory history;
    private FlowConfigurations configurations;
    private FlowValidator validator;
    private RevisionPolicy policy;
    private int shutdownTimeout;
    private volatile boolean active;

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
                        shutdownTimeout));
        validator = new FlowValidator(contexts);
        policy = new RevisionPolicy(contexts, history, configurations::of);
        lanes = new FlowLanes(Duration.ofSeconds(shutdownTimeout * 3L + 60));
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
                        deployFile(file, "file");
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
                            deployFile(flow.file(), actor);
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
        lanes.submit(FlowFiles.flowName(file), () -> deployFile(file, "file"));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        Path file = artifact.toPath().toAbsolutePath();
        lanes.submit(FlowFiles.flowName(file), () -> undeployFile(file));
    }

    private Void deployFile(Path file, String actor) throws IOException {
        String name = FlowFiles.flowName(file);
        if (!FlowFiles.isValidName(name)) {
            LOG.error("Flow file {} NOT deployed: '{}' is not a valid flow name (letters, digits, '.', '_', '-')", file, name);
            return null;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Flow flow = flows.get(name);
        if (flow != null && flow.file() == null) {
            LOG.error("Flow file {} NOT deployed: flow '{}' already exists (from {}). Flow names must be unique.",
                    file, name, flow.source());
            return null;
        }
        if (flow != null && !flow.file().equals(file)) {
            LOG.error("Flow file {} NOT deployed: flow '{}' is already deployed from {}. Flow names must be unique.",
                    file, name, flow.file());
            return null;
        }
        if (flow == null) {
            flow = Flow.fromFile(name, file);
            flows.put(name, flow);
            history.rememberFile(name, file);
        }
        if (FlowHistory.sha256(content).equals(flow.now().sha()) && flow.isRunning()) {
            return null; // what runs is already this content (e.g. a rollback wrote the file back)
        }
        FlowValidator.Validation validation = validator.check(file.toString(), content, configurations.of(name));
        if (!validation.isValid()) {
            String report = validation.problems().stream().map(FlowProblem::toString).collect(Collectors.joining("\n"));
            if (flow.isRunning()) {
                flow.rejected("edit rejected, revision " + flow.now().revision() + " keeps running:\n" + report);
                LOG.error("Flow '{}': the edit of {} was REJECTED; revision {} keeps running. Problems:\n{}",
                        name, file, flow.now().revision(), report);
            } else {
                flow.invalid(report, validation.missingComponents());
                LOG.error("Flow '{}' FAILED: {} is not valid. Problems:\n{}", name, file, report);
            }
            history.record(name, 0, actor, "REJECT", report);
            return null;
        }
        int revision = history.revisionOf(name, content, FlowFiles.extension(file));
        policy.activate(flow, revision, content, actor, "DEPLOY");
        return null;
    }

    private Void undeployFile(Path file) {
        Flow flow = flows.get(FlowFiles.flowName(file));
        if (flow != null && file.equals(flow.file())) {
            policy.halt(flow);
            flows.remove(flow.name());
            history.forgetFile(flow.name());
            history.record(flow.name(), flow.now().revision(), "file", "UNDEPLOY", file + " deleted");
            LOG.info("Flow '{}' UNDEPLOYED ({} deleted)", flow.name(), file);
        }
        return null;
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
            deployFile(flow.file(), "config");
        } else {
            flow.configured(now);
        }
        return null;
    }

    // ---- FlowService -----------------------------------------------------------------------------------------

    @Override
    public List<FlowStatus> list() {
        return flows.values().stream().map(Flow::status)
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public Optional<FlowStatus> status(String name) {
        return Optional.ofNullable(flows.get(name)).map(Flow::status);
    }

    @Override
    public FlowStatus start(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            history.setStopped(name, false);
            if (!flow.isRunning()) {
                requireValidRevision(flow);
                policy.activate(flow, flow.now().revision(), flow.now().content(), actor, "START");
            }
            return flow.status();
        });
    }

    @Override
    public FlowStatus stop(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            policy.stop(flow, actor);
            return flow.status();
        });
    }

    @Override
    public FlowStatus restart(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            requireValidRevision(flow);
            history.setStopped(name, false);
            policy.activate(flow, flow.now().revision(), flow.now().content(), actor, "RESTART");
            return flow.status();
        });
    }

    private static void requireValidRevision(Flow flow) {
        if (flow.now().content() == null) {
            throw new FlowOperationException("Flow '" + flow.name() + "' has no valid revision to start: "
                    + flow.now().lastError());
        }
    }

    @Override
    public FlowStatus rollback(String name, int revision, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            if (flow.file() == null) {
                throw new FlowOperationException("Flow '" + name + "' comes from " + flow.source()
                        + "; roll a bundle flow back by installing the earlier bundle version (bundle:update)");
            }
            int target = revision > 0 ? revision : previousRevision(flow);
            String content = history.content(name, target);
            if (content == null) {
                throw new FlowOperationException("Flow '" + name + "' has no revision " + target);
            }
            List<FlowProblem> problems = validator.validate(flow.file().toString(), content, configurations.of(name));
            if (!problems.isEmpty()) {
                throw new FlowOperationException("Revision " + target + " of flow '" + name
                        + "' is not valid with the current configuration: " + problems);
            }
            policy.activate(flow, target, content, actor, "ROLLBACK");
            if (flow.now().revision() == target && content.equals(flow.now().content())) {
                Files.writeString(flow.file(), content, StandardCharsets.UTF_8); // what runs is what is on disk
            }
            return flow.status();
        });
    }

    /** The revision that ran before the current one. */
    private int previousRevision(Flow flow) {
        int current = flow.now().revision();
        List<FlowRevision> entries = history.history(flow.name());
        for (int i = entries.size() - 1; i >= 0; i--) {
            FlowRevision e = entries.get(i);
            if (e.revision() > 0 && e.revision() != current
                    && List.of("DEPLOY", "ROLLBACK", "RESTORE").contains(e.action())) {
                return e.revision();
            }
        }
        throw new FlowOperationException("Flow '" + flow.name() + "' has no earlier revision than " + current);
    }

    @Override
    public List<FlowRevision> history(String name) {
        return history.history(name);
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
            return validator.validate(file.toString(), content, configurations.of(FlowFiles.flowName(file)));
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
}
