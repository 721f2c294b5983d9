package dev.conflux.connector.internal;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorSecret;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.runtime.api.ComponentProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
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
 * The {@link ConnectorService}, wired into the container: watches Config Admin for the factory configurations
 * {@code conflux.connector.<type>} (a file {@code etc/conflux.connector.<type>-<name>.cfg} or one made by
 * {@code conflux:connector-create}) and the installed {@link ConnectorType}s, and has the {@link Reconciler} turn
 * them into instances on one work thread; instances are offered to flows as {@link ComponentProvider} services
 * named after them, checked by {@link HealthChecks}, written and deleted by {@link CfgFiles}. Readers get
 * snapshots from the {@link InstanceTable}.
 */
@Component(immediate = true, configurationPid = "conflux.connectors",
        service = {ConnectorService.class, ConfigurationListener.class})
@Designate(ocd = ConnectorRegistry.Config.class)
public class ConnectorRegistry implements ConnectorService, ConfigurationListener {

    @ObjectClassDefinition(name = "Conflux connectors", description = "How connector instances are managed")
    public @interface Config {
        @AttributeDefinition(description = "Where the key that encrypts connector secrets is kept when the"
                + " environment variable CONFLUX_SECRET_KEY is not set (default: ${karaf.etc}/conflux-secret.key)")
        String secretKeyFile() default "";

        @AttributeDefinition(description = "Longest a health check may take before it counts as DOWN (seconds)")
        int healthCheckTimeoutSeconds() default 30;
    }

    static final String FACTORY_PREFIX = "conflux.connector.";
    /** How the source of a configuration that has no cfg file starts. */
    static final String NOT_A_FILE = "configuration ";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    /** What activation builds; one field, so that other threads see all of it or nothing. */
    private record Parts(SecretCodec secrets, HealthChecks health, Reconciler reconciler, CfgFiles files) {
    }

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private final Map<String, ConnectorType> types = new ConcurrentHashMap<>();
    private final InstanceTable table = new InstanceTable();
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> new Thread(r, "conflux-connectors"));
    private volatile Parts parts;

    @Activate
    void activate(BundleContext context, Config config) {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        Path keyFile = config.secretKeyFile().isBlank() ? etc.resolve("conflux-secret.key")
                : Path.of(config.secretKeyFile());
        SecretCodec secrets = new SecretCodec(keyFile, System.getenv(SecretCodec.KEY_VARIABLE));
        HealthChecks health = new HealthChecks(table, config.healthCheckTimeoutSeconds());
        Reconciler reconciler = new Reconciler(table, new ServicePublisher(context), health, secrets::decrypt,
                ConnectorRegistry::isCamelComponent);
        parts = new Parts(secrets, health, reconciler, new CfgFiles(etc, secrets::encrypt));
        work.execute(this::reconcile);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Parts stopping = parts;
        parts = null;
        work.execute(stopping.reconciler()::removeAll);
        work.shutdown();
        work.awaitTermination(30, TimeUnit.SECONDS);
        stopping.health().close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(ConnectorType type) {
        types.put(type.type(), type);
        reconcileLater();
    }

    void removeType(ConnectorType type) {
        types.remove(type.type(), type);
        reconcileLater();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factoryPid = event.getFactoryPid();
        if (factoryPid != null && factoryPid.startsWith(FACTORY_PREFIX)) {
            reconcileLater();
        }
    }

    private void reconcileLater() {
        if (parts != null && !work.isShutdown()) {
            work.execute(this::reconcile);
        }
    }

    private void reconcile() {
        Parts current = parts;
        if (current == null) {
            return;
        }
        try {
            current.reconciler().reconcile(configurations(), Map.copyOf(types));
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Cannot reconcile connector configurations: {}", e.getMessage(), e);
        }
    }

    private List<ConnectorConfig> configurations() throws IOException, InvalidSyntaxException {
        Configuration[] found = configurationAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PREFIX + "*)");
        List<ConnectorConfig> configurations = new ArrayList<>();
        for (Configuration configuration : found == null ? new Configuration[0] : found) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null) {
                configurations.add(read(configuration, properties));
            }
        }
        return configurations;
    }

    // ---- the service ---------------------------------------------------------------------------------------------

    @Override
    public List<ConnectorInstance> list() {
        return table.all().stream().map(InstanceRecord::view).sorted(Comparator.comparing(ConnectorInstance::name))
                .toList();
    }

    @Override
    public Optional<ConnectorInstance> get(String name) {
        return table.byName(name).map(InstanceRecord::view);
    }

    @Override
    public ConnectorInstance require(String name) {
        return instance(name).view();
    }

    @Override
    public ConnectorInstance check(String name) {
        return running().health().run(instance(name)).view();
    }

    @Override
    public List<ConnectorType> types() {
        return types.values().stream().sorted(Comparator.comparing(ConnectorType::type)).toList();
    }

    @Override
    public List<ConnectorKey> keysOf(String type) {
        ConnectorType connectorType = types.get(type);
        if (connectorType == null) {
            throw new IllegalArgumentException("unknown connector type '" + type + "'; installed types: "
                    + String.join(", ", new TreeSet<>(types.keySet())));
        }
        List<ConnectorKey> keys = new ArrayList<>(ConfigChecker.COMMON_KEYS);
        keys.addAll(connectorType.keys());
        return keys;
    }

    @Override
    public Path create(String type, String name, Map<String, String> values) throws IOException {
        return running().files().create(type, name, values, keysOf(type),
                table.byName(name).map(InstanceRecord::source));
    }

    @Override
    public String delete(String name) throws IOException {
        InstanceRecord instance = instance(name);
        Optional<Path> file = running().files().delete(instance);
        if (file.isPresent()) {
            return file.get().toString();
        }
        configurationAdmin.getConfiguration(instance.pid(), "?").delete();
        return NOT_A_FILE + instance.pid();
    }

    @Override
    public String encrypt(String clear) {
        return running().secrets().encrypt(clear);
    }

    @Override
    public String decrypt(String encrypted) {
        return running().secrets().decrypt(encrypted);
    }

    @Override
    public List<ConnectorSecret> secrets() {
        List<ConnectorSecret> secrets = new ArrayList<>();
        try {
            for (ConnectorConfig config : configurations()) {
                ConfigChecker.secretKeys(types.get(config.type()), config.values()).forEach((key, encrypted) ->
                        secrets.add(new ConnectorSecret(config.name(), config.type(), key, encrypted, config.source())));
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read the connector configurations: " + e.getMessage(), e);
        }
        secrets.sort(Comparator.comparing(ConnectorSecret::instance).thenComparing(ConnectorSecret::key));
        return secrets;
    }

    private Parts running() {
        Parts current = parts;
        if (current == null) {
            throw new IllegalStateException("the connector registry is stopping");
        }
        return current;
    }

    private InstanceRecord instance(String name) {
        return table.byName(name).orElseThrow(() -> new IllegalArgumentException("no connector instance '" + name
                + "'; instances: " + table.all().stream().map(InstanceRecord::name).sorted().toList()));
    }

    // ---- reading Config Admin ------------------------------------------------------------------------------------

    private static ConnectorConfig read(Configuration configuration, Dictionary<String, Object> properties) {
        String pid = configuration.getPid();
        String factoryPid = configuration.getFactoryPid();
        Map<String, String> values = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!ConfigChecker.isFrameworkKey(key)) {
                values.put(key, String.valueOf(properties.get(key)));
            }
        }
        Object fileName = properties.get("felix.fileinstall.filename");
        Path file = fileName == null ? null : Path.of(URI.create(String.valueOf(fileName)));
        return new ConnectorConfig(pid, factoryPid.substring(FACTORY_PREFIX.length()),
                nameOf(values, factoryPid, pid, file), file != null ? file.toString() : NOT_A_FILE + pid, values);
    }

    /** Key {@code name}, else the file name after {@code conflux.connector.<type>-}, else the end of the PID. */
    static String nameOf(Map<String, String> values, String factoryPid, String pid, Path file) {
        String name = values.get(ConfigChecker.NAME);
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        String prefix = factoryPid + "-";
        if (file != null) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(prefix) && fileName.endsWith(".cfg")) {
                return fileName.substring(prefix.length(), fileName.length() - 4);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
    }

    private static boolean isCamelComponent(String name) {
        ClassLoader camel = CamelContext.class.getClassLoader();
        return camel != null && camel.getResource("META-INF/services/org/apache/camel/component/" + name) != null;
    }
}
