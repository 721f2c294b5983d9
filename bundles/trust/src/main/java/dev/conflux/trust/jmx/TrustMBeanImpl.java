package dev.conflux.trust.jmx;

import dev.conflux.trust.api.TrustInventory;
import dev.conflux.trust.api.TrustReport;
import java.time.Duration;
import java.time.Instant;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=trust")
public class TrustMBeanImpl extends StandardMBean implements TrustMXBean {

    /** A page reads every attribute at once: they share one reading taken within this time. */
    static final Duration SHARED_READING = Duration.ofSeconds(1);

    @Reference
    private TrustInventory inventory;

    private volatile TrustReport last;

    public TrustMBeanImpl() {
        super(TrustMXBean.class, true);
    }

    @Override
    public TrustViews.ListenerView[] getListeners() {
        return report().listeners().stream().map(TrustViews.ListenerView::new)
                .toArray(TrustViews.ListenerView[]::new);
    }

    @Override
    public TrustViews.EndpointView[] getEndpoints() {
        return report().endpoints().stream().map(TrustViews.EndpointView::new)
                .toArray(TrustViews.EndpointView[]::new);
    }

    @Override
    public TrustViews.CertificateView[] getCertificates() {
        return report().certificates().stream().map(TrustViews.CertificateView::new)
                .toArray(TrustViews.CertificateView[]::new);
    }

    @Override
    public TrustViews.ApiKeyView[] getApiKeys() {
        return report().apiKeys().stream().map(TrustViews.ApiKeyView::new)
                .toArray(TrustViews.ApiKeyView[]::new);
    }

    @Override
    public TrustViews.SecretView[] getSecrets() {
        return report().secrets().stream().map(TrustViews.SecretView::new)
                .toArray(TrustViews.SecretView[]::new);
    }

    @Override
    public TrustViews.LockoutView[] getLockouts() {
        return report().lockouts().stream().map(TrustViews.LockoutView::new)
                .toArray(TrustViews.LockoutView[]::new);
    }

    @Override
    public String[] getNotes() {
        return report().notes().toArray(String[]::new);
    }

    private TrustReport report() {
        TrustReport reading = last;
        if (reading == null || reading.takenAt().isBefore(Instant.now().minus(SHARED_READING))) {
            reading = inventory.report();
            last = reading;
        }
        return reading;
    }
}
