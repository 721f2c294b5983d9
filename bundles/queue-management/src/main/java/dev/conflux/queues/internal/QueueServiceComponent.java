package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueService;
import dev.conflux.runtime.api.DeliveryFailures;
import dev.conflux.security.api.ServiceAccount;
import dev.conflux.tracing.api.TraceRecorder;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the audited queue and dead-letter services over the embedded broker, and samples the queues' counters
 * every {@value #SAMPLE_SECONDS} seconds for their rates. Operator actions leave hops in the messages' traces while a
 * {@link TraceRecorder} is there (tracing is optional: without it, nothing else changes).
 */
@Component(immediate = true, service = {})
public class QueueServiceComponent {

    static final int SAMPLE_SECONDS = 5;

    @Reference
    private AuditLog audit;

    @Reference
    private DeliveryFailures failures;

    @Reference
    private ServiceAccount account;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TraceRecorder tracing;

    private ScheduledExecutorService sampler;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        BrokerQueueService service = new BrokerQueueService(
                new JmxBroker(ManagementFactory.getPlatformMBeanServer(), account), failures,
                new QueueRates(System::nanoTime));
        sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "conflux-queue-rates"));
        sampler.scheduleWithFixedDelay(() -> {
            try {
                service.sample();
            } catch (RuntimeException e) {
                // the broker is restarting; the next sample will do
            }
        }, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
        registration = context.registerService(
                new String[] {QueueService.class.getName(), DeadLetterService.class.getName()},
                new AuditedQueueService(service, audit, () -> tracing), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        sampler.shutdownNow();
    }
}
