package dev.conflux.trust.jmx;

import dev.conflux.trust.api.TrustInventory;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=trust")
public class TrustMBeanImpl extends StandardMBean implements TrustMXBean {

    @Reference
    private TrustInventory inventory;

    public TrustMBeanImpl() {
        super(TrustMXBean.class, true);
    }

    @Override
    public TrustViews.ListenerView[] getListeners() {
        return inventory.report().listeners().stream().map(TrustViews.ListenerView::new)
                .toArray(TrustViews.ListenerView[]::new);
    }

    @Override
    public TrustViews.EndpointView[] getEndpoints() {
        return inventory.report().endpoints().stream().map(TrustViews.EndpointView::new)
                .toArray(TrustViews.EndpointView[]::new);
    }

    @Override
    public TrustViews.CertificateView[] getCertificates() {
        return inventory.report().certificates().stream().map(TrustViews.CertificateView::new)
                .toArray(TrustViews.CertificateView[]::new);
    }

    @Override
    public TrustViews.ApiKeyView[] getApiKeys() {
        return inventory.report().apiKeys().stream().map(TrustViews.ApiKeyView::new)
                .toArray(TrustViews.ApiKeyView[]::new);
    }

    @Override
    public TrustViews.SecretView[] getSecrets() {
        return inventory.report().secrets().stream().map(TrustViews.SecretView::new)
                .toArray(TrustViews.SecretView[]::new);
    }

    @Override
    public TrustViews.LockoutView[] getLockouts() {
        return inventory.report().lockouts().stream().map(TrustViews.LockoutView::new)
                .toArray(TrustViews.LockoutView[]::new);
    }

    @Override
    public String[] getNotes() {
        return inventory.report().notes().toArray(String[]::new);
    }
}
