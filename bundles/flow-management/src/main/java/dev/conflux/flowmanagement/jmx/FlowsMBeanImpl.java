package dev.conflux.flowmanagement.jmx;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Audited;
import dev.conflux.flowmanagement.Actor;
import dev.conflux.flowmanagement.FlowOutcome;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registered as an OSGi service with {@code jmx.objectname}; Karaf's management bundle puts such services into
 * the platform MBeanServer, behind its JMX role checks (etc/jmx.acl.conflux.flows.cfg).
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=flows")
public class FlowsMBeanImpl extends StandardMBean implements FlowsMXBean {

    @Reference
    private FlowService flows;

    @Reference
    private AuditLog audit;

    public FlowsMBeanImpl() {
        super(FlowsMXBean.class, true);
    }

    @Override
    public FlowView[] getFlows() {
        return flows.list().stream().map(FlowView::of).toArray(FlowView[]::new);
    }

    @Override
    public FlowView info(String name) {
        return FlowView.of(flows.status(name).orElseThrow(
                () -> new IllegalArgumentException("No flow named '" + name + "'")));
    }

    @Override
    public FlowView start(String name) {
        return audited("flow.start", name, () -> flows.start(name, Actor.current("jmx")));
    }

    @Override
    public FlowView stop(String name) {
        return audited("flow.stop", name, () -> flows.stop(name, Actor.current("jmx")));
    }

    @Override
    public FlowView restart(String name) {
        return audited("flow.restart", name, () -> flows.restart(name, Actor.current("jmx")));
    }

    @Override
    public FlowView rollback(String name, int revision) {
        return audited("flow.rollback", name, () -> flows.rollback(name, revision, Actor.current("jmx")));
    }

    private FlowView audited(String action, String flow, Supplier<FlowStatus> operation) {
        return FlowView.of(Audited.action(audit, action, flow, List.of()).run(operation, FlowOutcome::of));
    }

    @Override
    public RevisionView[] history(String name) {
        return flows.history(name).stream().map(RevisionView::of).toArray(RevisionView[]::new);
    }

    @Override
    public String[] validate(String file) {
        return flows.validate(Path.of(file)).stream().map(FlowProblem::toString).toArray(String[]::new);
    }
}
