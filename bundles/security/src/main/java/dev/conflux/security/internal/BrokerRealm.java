package dev.conflux.security.internal;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The JAAS realm {@value #NAME} the embedded broker authenticates against (etc/org.apache.activemq.artemis.cfg,
 * {@code domain}): the container's realm {@code karaf}, narrowed to the accounts with broker rights (see
 * {@link BrokerLoginModule}). A service consumer's account, valid in {@code karaf}, cannot connect.
 */
@Component(immediate = true, service = JaasRealm.class)
public class BrokerRealm implements JaasRealm {

    static final String NAME = "conflux-broker";

    private AppConfigurationEntry[] entries;

    @Activate
    void activate(BundleContext context) {
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                LoginModuleControlFlag.REQUIRED, Map.of(ProxyLoginModule.PROPERTY_MODULE, BrokerLoginModule.class.getName(),
                        ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId())))};
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
