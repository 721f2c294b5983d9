package dev.conflux.security.internal;

import dev.conflux.security.api.LoginGuard;
import dev.conflux.security.api.ServiceAccount;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The container's JAAS realm {@code karaf}, which the console, Jolokia, SSH, JMX and the broker all log in with.
 * Registered with a higher rank than Karaf's own realm of that name, so Karaf's JAAS configuration hands out this one.
 * It is Karaf's realm with the password check guarded ({@link GuardedLoginModule} in place of Karaf's properties
 * module, which it wraps); the rest is Karaf's: the SSH public-key module and, when enabled in
 * {@code etc/org.apache.karaf.jaas.cfg}, Karaf's login audit modules. Its settings are read from that same file.
 */
@Component(service = JaasRealm.class, configurationPid = "org.apache.karaf.jaas",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public class ConfluxRealm implements JaasRealm {

    static final String NAME = "karaf";

    @Reference
    LoginGuard guard;

    /** Only once the first-start users are written (SecurityBootstrap): no guarded login before they exist. */
    @Reference
    ServiceAccount bootstrapped;

    private BundleContext context;
    private volatile Map<String, ?> config = Map.of();

    @Activate
    @Modified
    void configure(BundleContext context, Map<String, ?> config) {
        this.context = context;
        this.config = config;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 1;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        String etc = System.getProperty("karaf.etc", "etc");
        long karafModules = FrameworkUtil.getBundle(PropertiesLoginModule.class).getBundleId();
        List<AppConfigurationEntry> entries = new ArrayList<>();

        Map<String, Object> passwords = module(GuardedLoginModule.class.getName(), context.getBundle().getBundleId());
        passwords.put("users", Paths.get(etc, "users.properties").toString());
        passwords.put(GuardedLoginModule.GUARD, guard);
        copy(passwords, "detailed.login.exception", null);
        config.forEach((k, v) -> {
            if (k.startsWith("encryption.") && v != null) {
                passwords.put(k, v.toString());
            }
        });
        entries.add(entry(passwords));

        Map<String, Object> keys = module("org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule", karafModules);
        keys.put("users", Paths.get(etc, "keys.properties").toString());
        copy(keys, "detailed.login.exception", null);
        entries.add(entry(keys));

        audit(entries, karafModules, "FileAuditLoginModule", "file", "audit.file.enabled", "file", "audit.file.file");
        audit(entries, karafModules, "LogAuditLoginModule", "log", "audit.log.enabled", "logger", "audit.log.logger",
                "level", "audit.log.level");
        audit(entries, karafModules, "EventAdminAuditLoginModule", "eventadmin", "audit.eventadmin.enabled", "topic",
                "audit.eventadmin.topic");
        return entries.toArray(new AppConfigurationEntry[0]);
    }

    /** One of Karaf's audit modules, when enabled; {@code keys} are pairs of option and configuration key. */
    private void audit(List<AppConfigurationEntry> entries, long bundle, String type, String kind, String enabledKey,
            String... keys) {
        if (!"true".equalsIgnoreCase(String.valueOf(config.get(enabledKey)))) {
            return;
        }
        Map<String, Object> options = module("org.apache.karaf.jaas.modules.audit." + type, bundle);
        options.put("enabled", "true");
        for (int i = 0; i < keys.length; i += 2) {
            copy(options, keys[i + 1], keys[i]);
        }
        entries.add(entry(options));
    }

    private Map<String, Object> module(String className, long bundle) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, className);
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(bundle));
        options.put(BundleContext.class.getName(), context);
        return options;
    }

    private void copy(Map<String, Object> options, String key, String as) {
        Object v = config.get(key);
        if (v != null) {
            options.put(as == null ? key : as, v.toString());
        }
    }

    private static AppConfigurationEntry entry(Map<String, Object> options) {
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL, options);
    }
}
