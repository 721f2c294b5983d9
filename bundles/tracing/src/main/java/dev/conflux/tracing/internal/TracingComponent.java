package dev.conflux.tracing.internal;

import dev.conflux.tracing.internal.store.JdbcTraceStore;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopListener;
import dev.conflux.tracing.api.Trace;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.api.TraceRecorder;
import dev.conflux.tracing.api.TraceService;
import dev.conflux.tracing.api.TraceStats;
import dev.conflux.tracing.api.TraceSummary;
import dev.conflux.tracing.internal.TracingSettings.Store;
import io.micrometer.core.instrument.Metrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message tracing's core: takes hops ({@link TraceRecorder}) into a bounded buffer written to the store in batches,
 * answers searches ({@link TraceService}), and enforces retention. Settings from {@code etc/conflux.tracing.cfg};
 * a change applies without losing buffered events (the old buffer is written out before its store closes).
 */
@Component(service = {TraceRecorder.class, TraceService.class}, configurationPid = "conflux.tracing", immediate = true)
@Designate(ocd = TracingComponent.Config.class)
public class TracingComponent implements TraceRecorder, TraceService {

    @ObjectClassDefinition(name = "Conflux tracing", description = "Message tracing: store, retention and buffer")
    public @interface Config {
        @AttributeDefinition(description = "Record hops (true) or not (false)")
        boolean enabled() default true;

        @AttributeDefinition(description = "embedded (H2 file database) or postgresql")
        String store() default "embedded";

        @AttributeDefinition(name = "embedded.directory", description = "Directory of the embedded H2 database")
        String embedded_directory() default "";

        @AttributeDefinition(name = "jdbc.url", description = "jdbc:postgresql://host:port/db for store = postgresql")
        String jdbc_url() default "";

        @AttributeDefinition(name = "jdbc.user", description = "PostgreSQL user")
        String jdbc_user() default "";

        @AttributeDefinition(name = "jdbc.password", description = "PostgreSQL password")
        String jdbc_password() default "";

        @AttributeDefinition(name = "retention.days", description = "Days a hop is kept")
        int retention_days() default 7;

        @AttributeDefinition(name = "retention.maxEvents", description = "Most hops kept; the oldest go first")
        long retention_maxEvents() default 5_000_000;

        @AttributeDefinition(name = "retention.checkSeconds", description = "Seconds between retention checks")
        int retention_checkSeconds() default 60;

        @AttributeDefinition(name = "buffer.capacity", description = "Hops waiting for the writer; more are dropped")
        int buffer_capacity() default 10_000;

        @AttributeDefinition(name = "batch.size", description = "Most hops per write")
        int batch_size() default 500;

        @AttributeDefinition(name = "flush.millis", description = "Longest wait before a partial batch is written")
        int flush_millis() default 200;
    }

    static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(TracingComponent.class);

    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final List<HopListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemDefaultZone();
    private final Positions positions = new Positions(clock);
    private volatile TracingSettings settings = TracingSettings.defaults();
    private volatile JdbcTraceStore store;
    private volatile HopBuffer buffer;
    private volatile TraceSearch search;
    private volatile String retentionError;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> retentionTask;
    private TraceMetrics metrics;
    private BundleContext context;
    private ServiceRegistration<DataSource> shared;

    @Activate
    synchronized void activate(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        settings = TracingSettings.parse(properties, TracingSettings.defaults(), LOG::error);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conflux-trace-retention");
            t.setDaemon(true);
            return t;
        });
        openStore(settings);
        metrics = new TraceMetrics(Metrics.globalRegistry, recorded, dropped, () -> buffer.size(), stored);
        scheduleRetention();
        share(settings);
        LOG.info("Tracing {}: store {}, buffer {} events, retention {} days / {} events", settings.enabled() ? "on"
                : "off", settings.storeText(), settings.bufferCapacity(), settings.retentionDays(),
                settings.retentionMaxEvents());
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        TracingSettings previous = settings;
        TracingSettings next = TracingSettings.parse(properties, previous, LOG::error);
        if (!next.sameStore(previous)) {
            HopBuffer oldBuffer = buffer;
            JdbcTraceStore oldStore = store;
            openStore(next); // first: if the new store cannot be set up, the old one stays, shared
            unshare(); // its users stop (writing their last) while the old store is still open
            oldBuffer.close(CLOSE_WAIT_MILLIS);
            oldStore.close();
            share(next);
        } else if (next.bufferCapacity() != previous.bufferCapacity()) {
            HopBuffer oldBuffer = buffer;
            buffer = newBuffer(next, store);
            oldBuffer.close(CLOSE_WAIT_MILLIS);
        } else {
            buffer.tune(next.batchSize(), next.flushMillis());
        }
        settings = next;
        scheduleRetention();
        LOG.info("Tracing {}: store {}, buffer {} events, retention {} days / {} events", next.enabled() ? "on" : "off",
                next.storeText(), next.bufferCapacity(), next.retentionDays(), next.retentionMaxEvents());
    }

    @Deactivate
    synchronized void deactivate() {
        unshare();
        // no interrupt: an interrupted H2 statement closes the database file under it
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        buffer.close(CLOSE_WAIT_MILLIS);
        store.close();
    }

    /**
     * Offers the store's database to other bundles (API usage keeps its roll-ups there) as a {@link DataSource}
     * service matching {@link TraceService#SHARED_STORE}. Withdrawn before the store closes, so their users stop first.
     */
    private void share(TracingSettings s) {
        if (context != null) {
            shared = context.registerService(DataSource.class, store.dataSource(), new java.util.Hashtable<>(Map.of(
                    "conflux.store", "tracing", "dataSourceName", "conflux", "conflux.store.kind",
                    s.store() == Store.EMBEDDED ? "embedded" : "postgresql")));
        }
    }

    private void unshare() {
        if (shared != null) {
            try {
                shared.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping: already gone
            }
            shared = null;
        }
    }

    private void openStore(TracingSettings s) {
        JdbcTraceStore opened = s.store() == Store.EMBEDDED ? JdbcTraceStore.embedded(s.embeddedDirectory())
                : JdbcTraceStore.postgresql(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword());
        HopBuffer opening = newBuffer(s, opened);
        store = opened;
        search = new TraceSearch(opened, positions);
        buffer = opening;
    }

    private HopBuffer newBuffer(TracingSettings s, JdbcTraceStore target) {
        return new HopBuffer(s.bufferCapacity(), s.batchSize(), s.flushMillis(), batch -> {
            target.write(batch);
            recorded.addAndGet(batch.size());
            stored.addAndGet(batch.size());
            tellListeners(batch);
        }, dropped, System::nanoTime);
    }

    private void tellListeners(List<Hop> batch) {
        if (listeners.isEmpty()) {
            return;
        }
        List<Hop> told = Collections.unmodifiableList(batch); // the buffer drops the batch once it is stored
        for (HopListener l : listeners) {
            try {
                l.stored(told);
            } catch (RuntimeException e) {
                LOG.warn("A trace listener ({}) failed on {} hops: {}", l.getClass().getSimpleName(), told.size(),
                        e.toString());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(HopListener listener) {
        listeners.add(listener);
    }

    void removeListener(HopListener listener) {
        listeners.remove(listener);
    }

    private void scheduleRetention() {
        if (retentionTask != null) {
            retentionTask.cancel(false);
        }
        int every = settings.retentionCheckSeconds();
        retentionTask = scheduler.scheduleWithFixedDelay(this::enforceRetention, 0, every, TimeUnit.SECONDS);
    }

    private void enforceRetention() {
        TracingSettings s = settings;
        try {
            Retention.Result r = new Retention(store, clock, Retention.CHUNK).run(s.retentionDays(), s.retentionMaxEvents());
            stored.set(r.left());
            if (r.byAge() + r.byCount() > 0) {
                LOG.debug("Trace retention removed {} events older than {} days and {} beyond {} events", r.byAge(),
                        s.retentionDays(), r.byCount(), s.retentionMaxEvents());
            }
            if (retentionError != null) {
                LOG.info("Trace store reachable again: {}", s.storeText());
            }
            retentionError = null;
        } catch (SQLException | RuntimeException e) {
            String why = s.storeText() + ": " + e.getMessage();
            if (!why.equals(retentionError)) {
                LOG.error("Trace store cannot be reached or cleaned up: {}", why);
            }
            retentionError = why;
        }
    }

    // ---- TraceRecorder -------------------------------------------------------------------------------------------

    @Override
    public boolean record(Hop hop) {
        return hop != null && settings.enabled() && buffer.offer(hop);
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    // ---- TraceService --------------------------------------------------------------------------------------------

    @Override
    public List<TraceSummary> search(TraceQuery query) {
        return search.search(query);
    }

    @Override
    public Optional<Trace> trace(String traceId) {
        return search.trace(traceId);
    }

    @Override
    public Optional<Trace> find(String keyOrId) {
        return search.find(keyOrId);
    }

    @Override
    public TraceStats stats() {
        TracingSettings s = settings;
        JdbcTraceStore st = store;
        HopBuffer b = buffer;
        long events;
        Instant oldest;
        try {
            events = st.count();
            oldest = st.oldest();
        } catch (SQLException e) {
            events = -1;
            oldest = null;
        }
        String error = b.lastError() != null ? b.lastError() : retentionError;
        return new TraceStats(s.enabled(), s.storeText(), events, st.bytes(), oldest, b.size(), b.capacity(),
                dropped.get(), error);
    }
}
