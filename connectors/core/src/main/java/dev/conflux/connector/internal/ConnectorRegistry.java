package dev.conflux.connector.internal;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.Health;
import dev.conflux.connector.api.InvalidConfigurationException;
import dev.conflux.runtime.api.ComponentProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Component;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
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
 * Turns every factory configuration {@code conflux.connector.<type>} (a file {@code etc/conflux.connector.<type>-
 * <name>.cfg} or one made by {@code conflux:connector-create}) into a connector instance: checked against its
 * type's keys, registered for flows as a {@link ComponentProvider} named after the instance, and health-checked
 * periodically. Configurations that cannot be used are kept as INVALID instances with the reason, so that
 * {@code conflux:connector-list} shows them next to the working ones.
 */
@org.osgi.service.component.annotations.Component(immediate = true, configurationPid = "conflux.connectors",
        service = {ConnectorRegistry.class, ConfigurationListener.class})
@Designate(ocd = ConnectorRegistry.Config.class)
public class ConnectorRegistry implements ConfigurationListener {

    @ObjectClassDefinition(name = "Conflux connectors", description = "How connector instances are managed")
    public @interface Config {
        @AttributeDefinition(description = "Where the key that encrypts connector secrets is kept when the"
                + " environment variable CONFLUX_SECRET_KEY is not set (default: ${karaf.etc}/conflux-secret.key)")
        String secretKeyFile() default "";

        @AttributeDefinition(description = "Longest a health check may take before it counts as DOWN (seconds)")
        int healthCheckTimeoutSeconds() default 30;
    }

    static final String FACTORY_PREFIX = "conflux.connector.";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private final Map<String, ConnectorType> types = new ConcurrentHashMap<>();
    /** By configuration PID. Touched only on the {@link #work} thread; readers get copies. */
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final ScheduledExecutorService work = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "conflux-connectors"));
    /** Paces the periodic health checks; kept off {@link #work} so that a slow check never delays a reconfiguration. */
    private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "conflux-connector-health-schedule");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conflux-connector-health");
        t.setDaemon(true);
        return t;
    });
    private BundleContext bundleContext;
    private SecretCodec secrets;
    private Path etc;
    private int checkTimeoutSeconds;
    private volatile boolean active;

    /** One configuration and what became of it. */
    static final class Instance {
        final String pid;
        final String type;
        final String source;
        final String fingerprint;
        String name;
        String description;
        String problem;
        Map<String, String> shown = Map.of();
        Connector connector;
        ServiceRegistration<ComponentProvider> registration;
        long revision;
        long intervalMillis;
        ScheduledFuture<?> schedule;
        volatile Health health = Health.unknown();

        Instance(String pid, String type, String source, String fingerprint) {
            this.pid = pid;
            this.type = type;
            this.source = source;
            this.fingerprint = fingerprint;
        }
    }

    /** What the shell and JMX show of an instance. Secret values are masked. */
    public record View(String name, String type, String status, String reason, Instant checkedAt, String source,
            String description, Map<String, String> settings) {
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------

    @Activate
    void activate(BundleContext context, Config config) {
        bundleContext = context;
        etc = Path.of(System.getProperty("karaf.etc", "etc"));
        Path keyFile = config.secretKeyFile().isBlank() ? etc.resolve("conflux-secret.key") : Path.of(config.secretKeyFile());
        secrets = new SecretCodec(keyFile, System.getenv(SecretCodec.KEY_VARIABLE));
        checkTimeoutSeconds = config.healthCheckTimeoutSeconds();
        active = true;
        work.execute(this::reconcile);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        work.execute(() -> new ArrayList<>(instances.values()).forEach(this::remove));
        work.shutdown();
        work.awaitTermination(30, TimeUnit.SECONDS);
        pacer.shutdownNow();
        checks.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(ConnectorType type) {
        types.put(type.type(), type);
        if (active) {
            work.execute(this::reconcile);
        }
    }

    void removeType(ConnectorType type) {
        types.remove(type.type(), type);
        if (active) {
            work.execute(this::reconcile);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factoryPid = event.getFactoryPid();
        if (active && factoryPid != null && factoryPid.startsWith(FACTORY_PREFIX)) {
            work.execute(this::reconcile);
        }
    }

    // ---- reconciling configurations and instances ------------------------------------------------------------

    private void reconcile() {
        if (!active) {
            return;
        }
        Configuration[] configurations;
        try {
            configurations = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + FACTORY_PREFIX + "*)");
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.error("Cannot list connector configurations: {}", e.getMessage(), e);
            return;
        }
        Set<String> seen = new HashSet<>();
        List<Configuration> sorted = new ArrayList<>(configurations == null ? List.of() : List.of(configurations));
        sorted.sort(Comparator.comparing(Configuration::getPid));
        for (Configuration configuration : sorted) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                continue;
            }
            String pid = configuration.getPid();
            seen.add(pid);
            String type = configuration.getFactoryPid().substring(FACTORY_PREFIX.length());
            Map<String, String> raw = userValues(properties);
            ConnectorType connectorType = types.get(type);
            String fingerprint = new TreeMap<>(raw) + "|" + (connectorType == null ? "-"
                    : connectorType.getClass().getName() + "@" + System.identityHashCode(connectorType));
            Instance existing = instances.get(pid);
            if (existing != null && existing.fingerprint.equals(fingerprint)) {
                continue;
            }
            Object file = properties.get("felix.fileinstall.filename");
            String source = file != null ? Path.of(java.net.URI.create(String.valueOf(file))).toString() : "configuration " + pid;
            Instance instance = new Instance(pid, type, source, fingerprint);
            instance.name = nameOf(raw, configuration, file);
            configure(instance, connectorType, raw, existing);
        }
        for (Instance gone : new ArrayList<>(instances.values())) {
            if (!seen.contains(gone.pid)) {
                remove(gone);
                LOG.info("Connector '{}' ({}) removed: its configuration {} was deleted", gone.name, gone.type, gone.source);
            }
        }
    }

    private void configure(Instance instance, ConnectorType type, Map<String, String> raw, Instance previous) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = Map.of();
        if (type == null) {
            problems.add("unknown connector type '" + instance.type + "' (from the factory PID " + FACTORY_PREFIX
                    + instance.type + "); installed types: " + (types.isEmpty() ? "none" : String.join(", ",
                            new java.util.TreeSet<>(types.keySet()))));
        } else {
            values = ConfigChecker.check(type.keys(), raw, problems);
            if (!ConfigChecker.VALID_NAME.matcher(instance.name).matches()) {
                problems.add("the instance name '" + instance.name + "' is not valid: expected lower-case letters,"
                        + " digits and '-', starting with a letter (it is the scheme of flows' endpoint URIs, where"
                        + " '_' is not allowed" + (instance.name.contains("_") ? "; e.g. '"
                        + instance.name.replace('_', '-') + "'" : "") + ")");
            } else if (isCamelComponent(instance.name)) {
                problems.add("the instance name '" + instance.name + "' is the name of a Camel component; choose"
                        + " another (key 'name' or the file name)");
            }
            Instance other = byName(instance.name).filter(i -> !i.pid.equals(instance.pid)).orElse(null);
            if (other != null) {
                problems.add("the instance name '" + instance.name + "' is already used by " + other.source);
            }
            for (String key : values.keySet()) {
                if (problems.isEmpty() && isSecret(type, key)) {
                    try {
                        secrets.decrypt(values.get(key));
                    } catch (IllegalArgumentException e) {
                        problems.add("key '" + key + "': " + e.getMessage());
                    }
                }
            }
        }
        instance.description = values.get(ConfigChecker.DESCRIPTION);
        instance.shown = masked(type, raw);
        Connector connector = null;
        if (problems.isEmpty()) {
            try {
                connector = type.create(new ConnectorSettings(instance.name, instance.type, instance.source, values,
                        secrets::decrypt));
            } catch (InvalidConfigurationException e) {
                problems.add((e.key() != null ? "key '" + e.key() + "': " : "") + e.getMessage());
            } catch (RuntimeException e) {
                problems.add("the connector could not be created: " + e);
            }
        }
        if (previous != null) {
            retire(previous, previous.name.equals(instance.name) && connector != null);
        }
        instances.put(instance.pid, instance);
        if (!problems.isEmpty()) {
            instance.problem = String.join("; ", problems);
            instance.health = new Health(Health.Status.DOWN, "invalid configuration", Instant.now());
            if (previous != null && previous.registration != null && previous.name.equals(instance.name)) {
                unregister(previous);
            }
            LOG.error("Connector configuration {} REJECTED ({} instance '{}'): {}", instance.source, instance.type,
                    instance.name, instance.problem);
            return;
        }
        instance.connector = connector;
        instance.intervalMillis = ConnectorSettings.parseMillis(values.get(ConfigChecker.HEALTH_INTERVAL));
        if (previous != null && previous.registration != null && previous.name.equals(instance.name)) {
            // Same name, new settings: flows using it restart once with the new component.
            instance.registration = previous.registration;
            instance.revision = previous.revision + 1;
            instance.registration.setProperties(serviceProperties(instance));
            LOG.info("Connector '{}' ({}) reconfigured from {}", instance.name, instance.type, instance.source);
        } else {
            if (previous != null && previous.registration != null) {
                unregister(previous);
            }
            instance.registration = bundleContext.registerService(ComponentProvider.class,
                    () -> createComponent(instance.name), serviceProperties(instance));
            LOG.info("Connector '{}' ({}) configured from {}", instance.name, instance.type, instance.source);
        }
        instance.schedule = pacer.scheduleWithFixedDelay(() -> runCheck(instance), 0, instance.intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    private Component createComponent(String name) {
        Instance instance = byName(name).filter(i -> i.connector != null)
                .orElseThrow(() -> new IllegalStateException("connector '" + name + "' is not configured"));
        return instance.connector.createComponent();
    }

    private Hashtable<String, Object> serviceProperties(Instance instance) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ComponentProvider.COMPONENT_NAME, instance.name);
        properties.put("conflux.connector.type", instance.type);
        properties.put("conflux.connector.revision", instance.revision);
        return properties;
    }

    /** Stops an instance that a new configuration replaces; its registration may be handed on. */
    private void retire(Instance previous, boolean registrationHandedOn) {
        if (previous.schedule != null) {
            previous.schedule.cancel(false);
        }
        if (!registrationHandedOn && previous.registration != null) {
            unregister(previous);
        }
        closeQuietly(previous);
        instances.remove(previous.pid);
    }

    private void remove(Instance instance) {
        if (instance.schedule != null) {
            instance.schedule.cancel(false);
        }
        unregister(instance);
        closeQuietly(instance);
        instances.remove(instance.pid);
    }

    private static void unregister(Instance instance) {
        if (instance.registration != null) {
            try {
                instance.registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            instance.registration = null;
        }
    }

    private static void closeQuietly(Instance instance) {
        if (instance.connector != null) {
            try {
                instance.connector.close();
            } catch (RuntimeException e) {
                LOG.warn("Connector '{}' did not close cleanly: {}", instance.name, e.getMessage());
            }
        }
    }

    // ---- health ----------------------------------------------------------------------------------------------

    private void runCheck(Instance instance) {
        synchronized (instance) { // the scheduled check and one asked for (shell, JMX) log one transition
            runCheckLocked(instance);
        }
    }

    private void runCheckLocked(Instance instance) {
        Health before = instance.health;
        Health now = checkNow(instance);
        instance.health = now;
        if (before.status() != now.status()) {
            if (now.status() == Health.Status.UP) {
                LOG.info("Connector '{}' ({}) is UP{}", instance.name, instance.type,
                        now.reason() == null ? "" : ": " + now.reason());
            } else {
                LOG.warn("Connector '{}' ({}) is DOWN: {}", instance.name, instance.type, now.reason());
            }
        }
    }

    private Health checkNow(Instance instance) {
        Connector connector = instance.connector;
        if (connector == null) {
            return instance.health;
        }
        Future<Health> result = checks.submit(connector::check);
        try {
            Health health = result.get(checkTimeoutSeconds, TimeUnit.SECONDS);
            return health != null ? health : Health.down("the check reported nothing");
        } catch (TimeoutException e) {
            result.cancel(true);
            return Health.down("no answer within " + checkTimeoutSeconds + " s");
        } catch (ExecutionException e) {
            return Health.down(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    // ---- what the shell and JMX use --------------------------------------------------------------------------

    public List<View> list() {
        List<View> views = new ArrayList<>();
        for (Instance instance : instances.values()) {
            views.add(view(instance));
        }
        views.sort(Comparator.comparing(View::name));
        return views;
    }

    public Optional<View> get(String name) {
        return byName(name).map(ConnectorRegistry::view);
    }

    /** The instance, or an error that lists the instances there are. */
    public View require(String name) {
        return view(instance(name));
    }

    private Instance instance(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("no connector instance '" + name
                + "'; instances: " + names()));
    }

    /** Runs the health check now (on the calling thread's behalf) and returns the instance afterwards. */
    public View check(String name) {
        Instance instance = instance(name);
        if (instance.connector != null) {
            runCheck(instance);
        }
        return view(instance);
    }

    public Map<String, ConnectorType> types() {
        return new TreeMap<>(types);
    }

    public List<ConnectorKey> keysOf(String type) {
        ConnectorType connectorType = types.get(type);
        if (connectorType == null) {
            throw new IllegalArgumentException("unknown connector type '" + type + "'; installed types: "
                    + String.join(", ", new java.util.TreeSet<>(types.keySet())));
        }
        List<ConnectorKey> keys = new ArrayList<>(ConfigChecker.COMMON_KEYS);
        keys.addAll(connectorType.keys());
        return keys;
    }

    public String encrypt(String clear) {
        return secrets.encrypt(clear);
    }

    public String secretKeySource() {
        return secrets.keySource();
    }

    /**
     * Writes {@code etc/conflux.connector.<type>-<name>.cfg} (secret keys encrypted), which FileInstall turns into
     * the configuration; the same as an operator dropping the file. Returns the file. Refuses what would be
     * rejected anyway.
     */
    public Path create(String type, String name, Map<String, String> values) throws IOException {
        List<ConnectorKey> keys = keysOf(type);
        if (!ConfigChecker.VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid instance name: lower-case letters,"
                    + " digits and '-', starting with a letter ('_' is not allowed in URI schemes)");
        }
        if (byName(name).isPresent()) {
            throw new IllegalArgumentException("connector instance '" + name + "' already exists ("
                    + byName(name).get().source + ")");
        }
        Map<String, String> stored = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            boolean secret = keys.stream().anyMatch(k -> k.name().equals(e.getKey()) && k.secret());
            stored.put(e.getKey(), secret && !SecretCodec.isEncrypted(e.getValue()) ? encrypt(e.getValue()) : e.getValue());
        }
        List<String> problems = new ArrayList<>();
        ConfigChecker.check(keys.subList(ConfigChecker.COMMON_KEYS.size(), keys.size()), stored, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Path file = etc.resolve(FACTORY_PREFIX + type + "-" + name + ".cfg");
        StringBuilder text = new StringBuilder("# Connector instance '" + name + "' (" + type + "), made by"
                + " conflux:connector-create on " + Instant.now() + "\n");
        stored.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path tmp = etc.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Deletes the instance's configuration (its cfg file, when it has one). Returns what was deleted. */
    public String delete(String name) throws IOException {
        Instance instance = instance(name);
        Path file = Path.of(instance.source);
        if (!instance.source.startsWith("configuration ") && Files.exists(file)) {
            Files.delete(file);
            return file.toString();
        }
        configurationAdmin.getConfiguration(instance.pid, "?").delete();
        return "configuration " + instance.pid;
    }

    public List<String> names() {
        return instances.values().stream().map(i -> i.name).sorted().toList();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Optional<Instance> byName(String name) {
        return instances.values().stream().filter(i -> name.equals(i.name)).findFirst();
    }

    private static View view(Instance instance) {
        Health health = instance.health;
        String status = instance.problem != null ? "INVALID" : health.status().name();
        String reason = instance.problem != null ? instance.problem : health.reason();
        return new View(instance.name, instance.type, status, reason, health.checkedAt(), instance.source,
                instance.description, instance.shown);
    }

    private boolean isSecret(ConnectorType type, String key) {
        return type != null && type.keys().stream().anyMatch(k -> k.name().equals(key) && k.secret());
    }

    /** The user's values with secrets replaced by a mask (a secret never leaves this class in any form). */
    private Map<String, String> masked(ConnectorType type, Map<String, String> raw) {
        Map<String, String> shown = new TreeMap<>();
        raw.forEach((k, v) -> shown.put(k, isSecret(type, k) || SecretCodec.isEncrypted(v) ? "********" : v));
        return Collections.unmodifiableMap(shown);
    }

    private static Map<String, String> userValues(Dictionary<String, Object> properties) {
        Map<String, String> raw = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!ConfigChecker.isFrameworkKey(key)) {
                raw.put(key, String.valueOf(properties.get(key)));
            }
        }
        return raw;
    }

    private static String nameOf(Map<String, String> raw, Configuration configuration, Object file) {
        String name = raw.get(ConfigChecker.NAME);
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        String prefix = configuration.getFactoryPid() + "-";
        if (file != null) {
            String fileName = Path.of(java.net.URI.create(String.valueOf(file))).getFileName().toString();
            if (fileName.startsWith(prefix) && fileName.endsWith(".cfg")) {
                return fileName.substring(prefix.length(), fileName.length() - 4);
            }
        }
        String pid = configuration.getPid();
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
    }

    private static boolean isCamelComponent(String name) {
        return Component.class.getClassLoader() != null && Component.class.getClassLoader()
                .getResource("META-INF/services/org/apache/camel/component/" + name) != null;
    }
}
