package dev.conflux.audit.jmx;

import dev.conflux.audit.api.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registered with {@code jmx.objectname}; Karaf puts it into the MBeanServer behind etc/jmx.acl.conflux.audit.cfg. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=audit")
public class AuditMBeanImpl extends StandardMBean implements AuditMXBean {

    @Reference
    private AuditLog audit;

    public AuditMBeanImpl() {
        super(AuditMXBean.class, true);
    }

    @Override
    public String getFile() {
        return audit.file().toString();
    }

    @Override
    public AuditEntryView[] entries(int max) {
        return audit.recent(Math.max(0, Math.min(max, 5_000))).stream().map(AuditEntryView::of)
                .toArray(AuditEntryView[]::new);
    }

    @Override
    public String export() {
        try {
            return Files.readString(audit.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + audit.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String verify() {
        return audit.verify();
    }
}
