package dev.conflux.alerts.jmx;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.alerts.api.Periods;
import dev.conflux.audit.api.Caller;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind its JMX ACL. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=alerts")
public class AlertsMBeanImpl extends StandardMBean implements AlertsMXBean {

    static final int HISTORY = 200;

    @Reference
    private AlertService alerts;

    public AlertsMBeanImpl() {
        super(AlertsMXBean.class, true);
    }

    @Override
    public AlertView[] getActive() {
        return alerts.active().stream().map(AlertView::of).toArray(AlertView[]::new);
    }

    @Override
    public AlertView[] getHistory() {
        return alerts.history(HISTORY).stream().map(AlertView::of).toArray(AlertView[]::new);
    }

    @Override
    public RuleView[] getRules() {
        return alerts.rules().stream().map(RuleView::of).toArray(RuleView[]::new);
    }

    @Override
    public ChannelView[] getChannels() {
        return alerts.channels().stream().map(ChannelView::of).toArray(ChannelView[]::new);
    }

    @Override
    public int getFiringCount() {
        return (int) alerts.active().stream().filter(a -> a.state() == Alert.State.FIRING).count();
    }

    @Override
    public AlertView acknowledge(String alertId, String comment) {
        return AlertView.of(alerts.acknowledge(alertId, comment, actor()));
    }

    @Override
    public RuleView silence(String rule, String duration, String reason) {
        return RuleView.of(alerts.silence(rule, Periods.parse(duration), reason, actor()));
    }

    @Override
    public RuleView unsilence(String rule) {
        return RuleView.of(alerts.unsilence(rule, actor()));
    }

    private static String actor() {
        return "jmx:" + Caller.current().user();
    }
}
