package dev.conflux.connector.internal;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.Health;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs instances' health checks, periodically and when asked for, each with a time limit and never on the
 * reconciler's thread (a slow check never delays a reconfiguration). Results go into the {@link InstanceTable};
 * status changes are logged.
 */
final class HealthChecks implements Reconciler.Checks, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final InstanceTable table;
    private final int timeoutSeconds;
    private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2,
            daemon("conflux-connector-health-schedule"));
    private final ExecutorService checks = Executors.newCachedThreadPool(daemon("conflux-connector-health"));

    HealthChecks(InstanceTable table, int timeoutSeconds) {
        this.table = table;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Runnable schedule(InstanceRecord instance, long intervalMillis) {
        ScheduledFuture<?> schedule = pacer.scheduleWithFixedDelay(() -> run(instance), 0, intervalMillis,
                TimeUnit.MILLISECONDS);
        return () -> schedule.cancel(false);
    }

    /** Checks the instance now; returns it as it is afterwards (unchanged when it has no connector). */
    InstanceRecord run(InstanceRecord instance) {
        if (instance.connector() == null) {
            return instance;
        }
        long start = System.nanoTime();
        Health now = check(instance.connector());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Health before = table.recordHealth(instance.pid(), instance.generation(), now, millis);
        if (before != null && before.status() != now.status()) {
            if (now.status() == Health.Status.UP) {
                LOG.info("Connector '{}' ({}) is UP{}", instance.name(), instance.type(),
                        now.reason() == null ? "" : ": " + now.reason());
            } else {
                LOG.warn("Connector '{}' ({}) is DOWN: {}", instance.name(), instance.type(), now.reason());
            }
        }
        return table.byPid(instance.pid()).orElse(instance.withHealth(now, millis));
    }

    private Health check(Connector connector) {
        Future<Health> result = checks.submit(connector::check);
        try {
            Health health = result.get(timeoutSeconds, TimeUnit.SECONDS);
            return health != null ? health : Health.down("the check reported nothing");
        } catch (TimeoutException e) {
            result.cancel(true);
            return Health.down("no answer within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Health.down(cause.getMessage() != null ? cause.getMessage() : "the check failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        checks.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
