package dev.conflux.alerts.internal;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.alerts.api.Periods;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueService;
import dev.conflux.runtime.api.Durations;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.trust.api.TrustInventory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AlertService}, wired into the container: reads the rules from Config Admin (factory PID
 * {@value #RULE_FACTORY}, files {@code etc/conflux.alert-<name>.cfg}) whenever one changes, evaluates them every
 * {@code evaluationInterval} (PID {@code conflux.alerts}, default 5s) on its own thread, and records acknowledgements
 * and silences in the audit trail.
 */
@Component(immediate = true, configurationPid = "conflux.alerts", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {AlertService.class, ConfigurationListener.class})
public class AlertServiceComponent implements AlertService, ConfigurationListener {

    static final String RULE_FACTORY = "conflux.alert";
    static final String CHANNEL_FACTORY = "conflux.alert.channel";
    private static final Logger LOG = LoggerFactory.getLogger(AlertServiceComponent.class);
    private static final ChannelRegistry BUILT_IN = new BuiltInChannels();

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelRegistry channelRegistry;

    private final ServiceSources sources = new ServiceSources();
    private ScheduledExecutorService thread;
    private Notifier notifier;
    private volatile AlertEngine engine;
    private Set<String> channelNames = Set.of();

    @Activate
    void activate(Map<String, Object> config) {
        Duration interval = Periods.positive(String.valueOf(config.getOrDefault("evaluationInterval", "5s")));
        Texts.Origin origin = new Texts.Origin(environmentName(), System.getProperty("karaf.name", "root"),
                String.valueOf(config.getOrDefault("consoleUrl", defaultConsoleUrl())));
        notifier = new Notifier(this::channelRegistry);
        engine = new AlertEngine(Clock.systemUTC(), sources, notifier::send,
                new AlertStore(Path.of(System.getProperty("karaf.data", "data"), "conflux", "alerts")), origin);
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "conflux-alerts"));
        thread.execute(this::reloadRules);
        thread.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
        notifier.close();
    }

    private ChannelRegistry channelRegistry() {
        ChannelRegistry r = channelRegistry;
        return r != null ? r : BUILT_IN;
    }

    private void tick() {
        try {
            if (!currentChannelNames().equals(channelNames)) {
                reloadRules(); // a channel came or went: rules naming it become valid or INVALID
            }
            engine.evaluate();
        } catch (RuntimeException e) {
            LOG.warn("Alert evaluation failed: {}", e.toString());
        }
    }

    private Set<String> currentChannelNames() {
        Set<String> names = new TreeSet<>();
        channelRegistry().channels().stream().filter(c -> c.status() == AlertChannel.Status.ACTIVE)
                .forEach(c -> names.add(c.name()));
        names.add(ChannelRegistry.LOG);
        return names;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factoryPid = event.getFactoryPid();
        if (RULE_FACTORY.equals(factoryPid) || CHANNEL_FACTORY.equals(factoryPid)) {
            ScheduledExecutorService t = thread;
            if (t != null && !t.isShutdown()) {
                t.execute(this::reloadRules);
            }
        }
    }

    private void reloadRules() {
        try {
            channelNames = currentChannelNames();
            Configuration[] found = configurationAdmin.listConfigurations("(service.factoryPid=" + RULE_FACTORY + ")");
            List<RuleParser.Parsed> parsed = new ArrayList<>();
            for (Configuration c : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> properties = c.getProperties();
                if (properties != null) {
                    parsed.add(read(c.getPid(), properties));
                }
            }
            engine.setRules(parsed);
            parsed.stream().filter(p -> p.problem() != null)
                    .forEach(p -> LOG.warn("Alert rule '{}' is INVALID: {}", p.name(), p.problem()));
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Cannot read the alert rules: {}", e.getMessage(), e);
        }
    }

    private RuleParser.Parsed read(String pid, Dictionary<String, Object> properties) {
        Map<String, String> values = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!(key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                    || key.startsWith("org.apache.karaf.") || key.startsWith("."))) {
                values.put(key, String.valueOf(properties.get(key)));
            }
        }
        Object fileName = properties.get("felix.fileinstall.filename");
        String source = fileName == null ? "configuration " + pid : Path.of(URI.create(String.valueOf(fileName))).toString();
        return RuleParser.parse(nameOf(pid, fileName), source, values, channelNames);
    }

    /** The part of the file name after {@code conflux.alert-}, else the part of the PID after {@code ~} or the last dot. */
    static String nameOf(String pid, Object fileName) {
        if (fileName != null) {
            String file = String.valueOf(fileName);
            file = file.substring(file.lastIndexOf('/') + 1);
            String prefix = RULE_FACTORY + "-";
            if (file.startsWith(prefix) && file.endsWith(".cfg")) {
                return file.substring(prefix.length(), file.length() - 4);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
    }

    private String environmentName() {
        try {
            Configuration[] env = configurationAdmin.listConfigurations("(service.pid=conflux.environment)");
            Object name = env == null || env[0].getProperties() == null ? null : env[0].getProperties().get("name");
            return name == null ? "unknown" : String.valueOf(name);
        } catch (IOException | InvalidSyntaxException e) {
            return "unknown";
        }
    }

    private static String defaultConsoleUrl() {
        boolean tls = Boolean.parseBoolean(System.getProperty("conflux.http.tls", "false"));
        return (tls ? "https://" : "http://") + System.getProperty("conflux.http.host", "127.0.0.1") + ":"
                + System.getProperty("conflux.http.port", "8181") + "/hawtio";
    }

    // ---- sources, as they come and go ---------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setQueueService(QueueService s) {
        sources.queues = s;
    }

    void unsetQueueService(QueueService s) {
        if (sources.queues == s) {
            sources.queues = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDeadLetterService(DeadLetterService s) {
        sources.deadLetters = s;
    }

    void unsetDeadLetterService(DeadLetterService s) {
        if (sources.deadLetters == s) {
            sources.deadLetters = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setFlowService(FlowService s) {
        sources.flows = s;
    }

    void unsetFlowService(FlowService s) {
        if (sources.flows == s) {
            sources.flows = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setConnectorService(ConnectorService s) {
        sources.connectors = s;
    }

    void unsetConnectorService(ConnectorService s) {
        if (sources.connectors == s) {
            sources.connectors = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTrustInventory(TrustInventory s) {
        sources.trust = s;
    }

    void unsetTrustInventory(TrustInventory s) {
        if (sources.trust == s) {
            sources.trust = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(conflux.registry=prometheus)")
    void setMeterRegistry(MeterRegistry s) {
        sources.meters = s;
    }

    void unsetMeterRegistry(MeterRegistry s) {
        if (sources.meters == s) {
            sources.meters = null;
        }
    }

    // ---- the service -------------------------------------------------------------------------------------------

    @Override
    public List<AlertRule> rules() {
        return engine.rules();
    }

    @Override
    public List<AlertChannel> channels() {
        return channelRegistry().channels();
    }

    @Override
    public List<Alert> active() {
        return engine.active();
    }

    @Override
    public List<Alert> history(int max) {
        return engine.history(max);
    }

    @Override
    public Alert acknowledge(String alertId, String comment, String actor) {
        return Audited.action(audit, "alert.acknowledge", alertId, List.of()).run(
                () -> engine.acknowledge(alertId, comment, actor),
                a -> Outcome.ok("acknowledged" + (a.acknowledgeComment() == null ? "" : ": " + a.acknowledgeComment())));
    }

    @Override
    public AlertRule silence(String rule, Duration duration, String reason, String actor) {
        return Audited.action(audit, "alert.silence", rule, List.of()).run(
                () -> engine.silence(rule, duration, reason, actor),
                r -> Outcome.ok("silenced for " + Durations.format(duration) + " until " + r.silencedUntil() + ": "
                        + r.silenceReason()));
    }

    @Override
    public AlertRule unsilence(String rule, String actor) {
        return Audited.action(audit, "alert.unsilence", rule, List.of()).run(() -> engine.unsilence(rule, actor),
                r -> Outcome.ok("silence lifted"));
    }
}
