package dev.conflux.queues.internal;

import dev.conflux.audit.api.AuditLog;
import dev.conflux.queues.api.DeadLetterService;
import dev.conflux.queues.api.QueueService;
import dev.conflux.runtime.api.DeliveryFailures;
import dev.conflux.security.api.ServiceAccount;
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

/**
 * Publishes the audited queue and dead-letter services over the embedded broker, and samples the queues' counters
 * every {@value #SAMPLE_SECONDS} seconds for their rates.
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
                new AuditedQueueService(service, audit), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        sampler.shutdownNow();
    }
}
