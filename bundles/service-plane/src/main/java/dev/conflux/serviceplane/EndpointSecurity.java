package dev.conflux.serviceplane;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.audit.api.Audited.Outcome;
import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.EndpointAccess;
import dev.conflux.serviceplane.api.EndpointPolicyInfo;
import dev.conflux.serviceplane.api.IssuedApiKey;
import dev.conflux.serviceplane.auth.ApiKeyStore;
import dev.conflux.serviceplane.auth.Gate;
import dev.conflux.serviceplane.auth.JaasRealm;
import dev.conflux.serviceplane.auth.PolicyLoader;
import dev.conflux.serviceplane.auth.PolicyTable;
import dev.conflux.serviceplane.auth.RateLimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service plane's access control, wired into the container: reads the endpoint policies from the factory
 * configurations {@code conflux.endpoint} ({@code etc/conflux.endpoint-<name>.cfg}, reloaded when one changes),
 * keeps the API keys ({@code etc/conflux-apikeys.properties}), and hands the {@link Gate} to the server's
 * {@link EndpointFilter}. {@code anonymousPaths} in {@code etc/conflux.serviceplane.cfg} says which paths may be
 * opened with {@code policy = none} ({@code *}: any, as in dev and test; prod lists none by default).
 */
@Component(immediate = true, configurationPid = "conflux.serviceplane",
        service = {EndpointAccess.class, ConfigurationListener.class, EndpointSecurity.class})
public class EndpointSecurity implements EndpointAccess, ConfigurationListener {

    static final String FACTORY_PID = "conflux.endpoint";
    static final String ANONYMOUS_PATHS = "anonymousPaths";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointSecurity.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoginGuard loginGuard;

    private volatile PolicyTable table = PolicyTable.empty();
    private volatile List<EndpointPolicyInfo> infos = List.of();
    private List<String> anonymousPaths;
    private List<String> defaultPaths;
    private ApiKeyStore keys;
    private final RateLimiter limiter = new RateLimiter(System::nanoTime);
    private Gate gate;
    /** The ERROR and WARN lines of the last load. */
    private Set<String> logged = Set.of();

    @Activate
    void activate(Map<String, Object> properties) {
        anonymousPaths = PolicyLoader.list(String.valueOf(properties.getOrDefault(ANONYMOUS_PATHS, "*")));
        defaultPaths = List.of(trim(properties.getOrDefault("restPath", "/api")) + "/*",
                trim(properties.getOrDefault("soapPath", "/services")) + "/*");
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        Object file = properties.get("apiKeysFile");
        keys = new ApiKeyStore(file == null || file.toString().isBlank() ? etc.resolve("conflux-apikeys.properties")
                : Path.of(file.toString()), Clock.systemUTC(), new SecureRandom());
        gate = new Gate(() -> table, keys, new JaasRealm("karaf"), () -> loginGuard, limiter, Clock.systemUTC());
        reload();
    }

    @Deactivate
    void deactivate() {
        keys.flush();
    }

    /** The gate the service plane's filter asks. */
    Gate gate() {
        return gate;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (FACTORY_PID.equals(event.getFactoryPid())) {
            reload();
        }
    }

    /** Reads every endpoint policy again and puts the new table in force at once. */
    synchronized void reload() {
        List<PolicyLoader.Source> sources = new ArrayList<>();
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + FACTORY_PID + ")");
            for (Configuration c : configurations == null ? new Configuration[0] : configurations) {
                Dictionary<String, Object> props = c.getProcessedProperties(null);
                if (props != null) {
                    sources.add(PolicyLoader.source(c.getPid(), strings(props)));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Cannot read the endpoint policies ({}); the previous ones stay in force", e.getMessage());
            return;
        }
        PolicyLoader.Result result = new PolicyLoader(anonymousPaths).load(sources);
        // Each problem and each open endpoint is logged when it appears, not again at every reload.
        result.errors().stream().filter(e -> !logged.contains(e)).forEach(LOG::error);
        result.warnings().stream().filter(w -> !logged.contains(w)).forEach(LOG::warn);
        logged = new HashSet<>(result.errors());
        logged.addAll(result.warnings());
        table = result.table();
        infos = result.infos(defaultPaths);
        limiter.clear();
    }

    private static Map<String, String> strings(Dictionary<String, Object> props) {
        Map<String, String> out = new TreeMap<>();
        for (Enumeration<String> e = props.keys(); e.hasMoreElements();) {
            String key = e.nextElement();
            Object value = props.get(key);
            out.put(key, value instanceof String[] array ? String.join(",", array) : String.valueOf(value));
        }
        return out;
    }

    @Override
    public List<EndpointPolicyInfo> policies() {
        return infos;
    }

    @Override
    public List<ApiKeyInfo> apiKeys() {
        return keys.list();
    }

    @Override
    public IssuedApiKey createApiKey(String consumer, Instant expires) {
        return Audited.action(audit, "apikey.create", consumer, List.of()).run(() -> keys.create(consumer, expires),
                k -> Outcome.ok("API key " + k.info().id() + " for " + consumer
                        + (expires == null ? ", no expiry" : ", expires " + expires)).withItem(k.info().id()));
    }

    @Override
    public boolean revokeApiKey(String id) {
        return Audited.action(audit, "apikey.revoke", id, List.of()).run(() -> keys.revoke(id),
                revoked -> revoked ? Outcome.ok("revoked") : Outcome.failed("no API key with this id"));
    }

    private static String trim(Object path) {
        String p = String.valueOf(path);
        p = p.startsWith("/") ? p : "/" + p;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
