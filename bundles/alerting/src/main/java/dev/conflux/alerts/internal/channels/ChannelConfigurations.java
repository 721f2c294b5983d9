package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.internal.ChannelRegistry;
import dev.conflux.connector.api.ConnectorService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChannelRegistry}, wired into the container: reads the factory configurations
 * {@value #FACTORY_PID} (files {@code etc/conflux.alert.channel-<name>.cfg}) when it starts, and again on one work
 * thread whenever one of them changes.
 */
@Component(immediate = true, service = {ChannelRegistry.class, ConfigurationListener.class})
public class ChannelConfigurations implements ChannelRegistry, ConfigurationListener {

    static final String FACTORY_PID = "conflux.alert.channel";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelConfigurations.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    /** Decrypts ENC(...) passwords with the connectors' key, as connector instances' secrets are. */
    @Reference
    private ConnectorService connectors;

    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> new Thread(r,
            "conflux-alert-channels"));
    private volatile Channels channels;

    @Activate
    void activate(BundleContext context) {
        channels = new Channels(new CamelMailSender(context), connectors::decrypt, Clock.systemUTC());
        reload();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (FACTORY_PID.equals(event.getFactoryPid()) && !work.isShutdown()) {
            work.execute(this::reload);
        }
    }

    @Override
    public Optional<Channel> channel(String name) {
        return channels.channel(name);
    }

    @Override
    public List<AlertChannel> channels() {
        return channels.channels();
    }

    @Override
    public void delivered(String name, String error) {
        channels.delivered(name, error);
    }

    private void reload() {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            List<Channels.Config> configs = new ArrayList<>();
            for (Configuration configuration : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties != null) {
                    configs.add(read(configuration.getPid(), properties));
                }
            }
            channels.reload(configs);
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Cannot read the alert channel configurations: {}", e.getMessage(), e);
        }
    }

    private static Channels.Config read(String pid, Dictionary<String, Object> properties) {
        Map<String, String> values = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!isFrameworkKey(key)) {
                values.put(key, String.valueOf(properties.get(key)));
            }
        }
        Object fileName = properties.get("felix.fileinstall.filename");
        Path file = fileName == null ? null : Path.of(URI.create(String.valueOf(fileName)));
        return new Channels.Config(nameOf(pid, file), file != null ? file.toString() : "configuration " + pid,
                values);
    }

    /** The file name after {@code conflux.alert.channel-}, else the end of the PID. */
    static String nameOf(String pid, Path file) {
        String prefix = FACTORY_PID + "-";
        if (file != null) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(prefix) && fileName.endsWith(".cfg")) {
                return fileName.substring(prefix.length(), fileName.length() - 4);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
    }

    /** Keys the configuration admin, FileInstall or Karaf put into every configuration: not the user's. */
    private static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith("org.apache.karaf.") || key.startsWith(".");
    }
}
