package dev.conflux.connector.internal;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.Health;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.camel.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the running connector instances in line with the configurations: each valid configuration becomes a
 * connector published for flows under the instance's name and health-checked; a rejected one is kept as an
 * INVALID instance with the reason; a changed one replaces its instance (flows using the name restart once); a
 * deleted one is withdrawn. Not thread-safe: one thread calls it (the registry's work thread); readers use the
 * {@link InstanceTable} it publishes to.
 */
final class Reconciler {

    /** Where instances become Camel components for flows (OSGi services in the container). */
    interface Publisher {
        Publication publish(String name, String type, long revision, Supplier<Component> components);
    }

    /** One instance name offered to flows. */
    interface Publication {
        /** Same name, new settings: flows using it restart once and get components of the new connector. */
        void revise(long revision);

        void withdraw();
    }

    /** Periodic health checks of an instance; the returned handle stops them. */
    interface Checks {
        Runnable schedule(InstanceRecord instance, long intervalMillis);
    }

    /** What runs for one PID; only this class's thread sees it. */
    private record Running(String fingerprint, String name, Connector connector, Publication publication,
            long revision, Runnable stopChecks) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final InstanceTable table;
    private final Publisher publisher;
    private final Checks checks;
    private final UnaryOperator<String> decrypt;
    private final Predicate<String> isCamelComponent;
    private final Map<String, Running> running = new HashMap<>();
    private long generations;

    Reconciler(InstanceTable table, Publisher publisher, Checks checks, UnaryOperator<String> decrypt,
            Predicate<String> isCamelComponent) {
        this.table = table;
        this.publisher = publisher;
        this.checks = checks;
        this.decrypt = decrypt;
        this.isCamelComponent = isCamelComponent;
    }

    /** Makes the instances match these configurations, given the installed types (by type name). */
    void reconcile(List<ConnectorConfig> configurations, Map<String, ConnectorType> types) {
        Set<String> present = new HashSet<>();
        configurations.forEach(c -> present.add(c.pid()));
        // Removals first, so that a configuration renamed in the same pass can take over the name.
        for (String pid : new ArrayList<>(running.keySet())) {
            if (!present.contains(pid)) {
                InstanceRecord gone = table.byPid(pid).orElseThrow();
                remove(pid);
                LOG.info("Connector '{}' ({}) removed: its configuration {} was deleted", gone.name(), gone.type(),
                        gone.source());
            }
        }
        List<ConnectorConfig> sorted = new ArrayList<>(configurations);
        sorted.sort(Comparator.comparing(ConnectorConfig::pid));
        for (ConnectorConfig configuration : sorted) {
            ConnectorType type = types.get(configuration.type());
            String fingerprint = new TreeMap<>(configuration.values()) + "|" + configuration.name() + "|"
                    + (type == null ? "-" : type.getClass().getName() + "@" + System.identityHashCode(type));
            Running previous = running.get(configuration.pid());
            if (previous == null || !previous.fingerprint().equals(fingerprint)) {
                configure(configuration, type, types, fingerprint, previous);
            }
        }
    }

    /** Withdraws and closes every instance (the registry is stopping). */
    void removeAll() {
        new ArrayList<>(running.keySet()).forEach(this::remove);
    }

    private void configure(ConnectorConfig config, ConnectorType type, Map<String, ConnectorType> types,
            String fingerprint, Running previous) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = Map.of();
        if (type == null) {
            problems.add("unknown connector type '" + config.type() + "' (from the factory PID "
                    + ConnectorRegistry.FACTORY_PREFIX + config.type() + "); installed types: "
                    + (types.isEmpty() ? "none" : String.join(", ", new TreeSet<>(types.keySet()))));
        } else {
            values = ConfigChecker.check(type.keys(), config.values(), problems);
            checkName(config, problems);
            checkSecrets(type, values, problems);
        }
        Connector connector = null;
        if (problems.isEmpty()) {
            try {
                connector = type.create(new ConnectorSettings(config.name(), config.type(), config.source(), values,
                        decrypt));
            } catch (InvalidConfigurationException e) {
                problems.add((e.key() != null ? "key '" + e.key() + "': " : "") + e.getMessage());
            } catch (RuntimeException e) {
                problems.add("the connector could not be created: " + e.getMessage());
            }
        }
        boolean sameName = previous != null && previous.name().equals(config.name());
        if (previous != null) {
            retire(previous, sameName && connector != null);
        }
        long generation = ++generations;
        String description = values.get(ConfigChecker.DESCRIPTION);
        Map<String, String> shown = ConfigChecker.masked(type, config.values());
        if (!problems.isEmpty()) {
            String problem = String.join("; ", problems);
            table.put(new InstanceRecord(config.pid(), generation, config.name(), config.type(), config.source(),
                    description, problem, shown, null, new Health(Health.Status.DOWN, "invalid configuration",
                            Instant.now())));
            running.put(config.pid(), new Running(fingerprint, config.name(), null, null, 0, null));
            LOG.error("Connector configuration {} REJECTED ({} instance '{}'): {}", config.source(), config.type(),
                    config.name(), problem);
            return;
        }
        InstanceRecord record = new InstanceRecord(config.pid(), generation, config.name(), config.type(),
                config.source(), description, null, shown, connector, Health.unknown());
        table.put(record); // before publishing: a flow asking for a component finds the new connector
        Publication publication;
        long revision;
        if (sameName && previous.publication() != null) {
            revision = previous.revision() + 1;
            publication = previous.publication();
            publication.revise(revision);
            LOG.info("Connector '{}' ({}) reconfigured from {}", config.name(), config.type(), config.source());
        } else {
            revision = 0;
            String name = config.name();
            publication = publisher.publish(name, config.type(), revision, () -> createComponent(name));
            LOG.info("Connector '{}' ({}) configured from {}", config.name(), config.type(), config.source());
        }
        long interval = ConnectorSettings.parseMillis(values.get(ConfigChecker.HEALTH_INTERVAL));
        running.put(config.pid(), new Running(fingerprint, config.name(), connector, publication, revision,
                checks.schedule(record, interval)));
    }

    private void checkName(ConnectorConfig config, List<String> problems) {
        String name = config.name();
        if (!ConfigChecker.VALID_NAME.matcher(name).matches()) {
            problems.add("the instance name '" + name + "' is not valid: expected lower-case letters, digits and"
                    + " '-', starting with a letter (it is the scheme of flows' endpoint URIs, where '_' is not"
                    + " allowed" + (name.contains("_") ? "; e.g. '" + name.replace('_', '-') + "'" : "") + ")");
        } else if (isCamelComponent.test(name)) {
            problems.add("the instance name '" + name + "' is the name of a Camel component; choose another"
                    + " (key 'name' or the file name)");
        }
        table.byName(name).filter(other -> !other.pid().equals(config.pid())).ifPresent(other ->
                problems.add("the instance name '" + name + "' is already used by " + other.source()));
    }

    /** Every secret must decrypt with this installation's key; the message never holds the value. */
    private void checkSecrets(ConnectorType type, Map<String, String> values, List<String> problems) {
        if (!problems.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (ConfigChecker.isSecret(type, e.getKey())) {
                try {
                    decrypt.apply(e.getValue());
                } catch (IllegalArgumentException bad) {
                    problems.add("key '" + e.getKey() + "': " + bad.getMessage());
                }
            }
        }
    }

    private Component createComponent(String name) {
        Connector connector = table.byName(name).map(InstanceRecord::connector)
                .orElseThrow(() -> new IllegalStateException("connector '" + name + "' is not configured"));
        return connector.createComponent();
    }

    /** Stops what ran for a configuration; its publication may be handed on to the next one. */
    private static void retire(Running previous, boolean publicationHandedOn) {
        if (previous.stopChecks() != null) {
            previous.stopChecks().run();
        }
        if (!publicationHandedOn && previous.publication() != null) {
            previous.publication().withdraw();
        }
        if (previous.connector() != null) {
            try {
                previous.connector().close();
            } catch (RuntimeException e) {
                LOG.warn("Connector '{}' did not close cleanly: {}", previous.name(), e.getMessage());
            }
        }
    }

    private void remove(String pid) {
        Running gone = running.remove(pid);
        if (gone != null) {
            retire(gone, false);
        }
        table.remove(pid);
    }
}
