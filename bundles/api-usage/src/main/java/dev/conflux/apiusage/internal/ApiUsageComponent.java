package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.ApiUsageRecorder;
import dev.conflux.apiusage.api.ApiUsageService;
import dev.conflux.apiusage.api.FlowCounter;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.ServicePlane;
import dev.conflux.tracing.api.TraceService;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API usage analytics: counts every call the service plane reports ({@link ApiUsageRecorder}) and answers reports
 * ({@link ApiUsageService}). The roll-ups live in the trace store's database ({@link TraceService#SHARED_STORE}:
 * embedded H2 or PostgreSQL); when that store changes, this component restarts on the new one after writing what it
 * counted. Settings from {@code etc/conflux.apiusage.cfg}.
 */
@Component(service = {ApiUsageRecorder.class, ApiUsageService.class}, configurationPid = "conflux.apiusage",
        immediate = true)
@Designate(ocd = ApiUsageComponent.Config.class)
public class ApiUsageComponent implements ApiUsageRecorder, ApiUsageService {

    @ObjectClassDefinition(name = "Conflux API usage", description = "Usage analytics of the published operations")
    public @interface Config {
        @AttributeDefinition(description = "Count calls (true) or not (false)")
        boolean enabled() default true;

        @AttributeDefinition(name = "retention.months", description = "Months the hourly roll-ups are kept")
        int retention_months() default 13;

        @AttributeDefinition(name = "maxPairsPerMinute", description = "Most operation-consumer pairs counted per"
                + " minute; calls of further consumers are counted together")
        int maxPairsPerMinute() default 1_000;

        @AttributeDefinition(name = "write.seconds", description = "Seconds between writes of finished minutes")
        int write_seconds() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiUsageComponent.class);
    private static final long RETENTION_EVERY_HOURS = 6;

    @Reference(target = TraceService.SHARED_STORE)
    DataSource store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FlowService flows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServicePlane servicePlane;

    private volatile boolean enabled;
    private UsageLedger ledger;
    private ScheduledExecutorService writer;
    private volatile String writeError;
    private int maxPairs;
    private long reportedOverflow;

    @Activate
    void activate(Config config) {
        enabled = config.enabled();
        int months = Math.max(1, config.retention_months());
        maxPairs = Math.max(10, config.maxPairsPerMinute());
        ledger = new UsageLedger(new Minutes(maxPairs), new HourlyTable(store), System::currentTimeMillis);
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conflux-api-usage-writer");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, config.write_seconds());
        writer.scheduleWithFixedDelay(() -> write(false), every, every, TimeUnit.SECONDS);
        writer.scheduleWithFixedDelay(() -> retain(months), 1, RETENTION_EVERY_HOURS * 3600, TimeUnit.SECONDS);
        LOG.info("API usage {}: hourly roll-ups kept {} months in the trace store", enabled ? "counted" : "not counted",
                months);
    }

    @Deactivate
    void deactivate() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(true); // the minute under way too: a restart keeps every call counted so far
    }

    private void write(boolean all) {
        UsageLedger.Written written = ledger.write(all);
        if (written.dropped() > 0) {
            LOG.error("API usage: {} calls were dropped from memory after the trace store refused them for {}"
                    + " minutes", written.dropped(), Minutes.KEEP_UNWRITTEN_MINUTES);
        }
        long overflow = ledger.overflow();
        if (overflow > reportedOverflow) {
            LOG.warn("API usage: {} calls of further consumers were counted under '{}' (more pairs than"
                    + " maxPairsPerMinute = {} in a minute, or {} in the last hour)", overflow - reportedOverflow,
                    Minutes.OTHERS, maxPairs, 10 * maxPairs);
            reportedOverflow = overflow;
        }
        if (written.failure() != null) {
            String why = String.valueOf(written.failure().getMessage());
            if (!why.equals(writeError)) {
                LOG.error("API usage: cannot write the roll-ups to the trace store ({}); the counts stay in memory"
                        + " and are written when it answers", why);
            }
            writeError = why;
        } else if (writeError != null) {
            LOG.info("API usage: the store takes the roll-ups again");
            writeError = null;
        }
    }

    private void retain(int months) {
        try {
            int deleted = ledger.enforceRetention(months);
            if (deleted > 0) {
                LOG.debug("API usage retention removed {} hourly roll-ups older than {} months", deleted, months);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("API usage retention failed: {}", e.getMessage());
        }
    }

    // ---- ApiUsageRecorder ----------------------------------------------------------------------------------------

    @Override
    public void record(ApiCall call) {
        if (enabled && call != null) {
            ledger.record(call);
        }
    }

    // ---- ApiUsageService -----------------------------------------------------------------------------------------

    @Override
    public List<UsageRow> usage(Window window, Grouping by) {
        return read(() -> UsageReports.rows(ledger.slices(window, ledger.from(window)), by));
    }

    @Override
    public List<UsagePoint> trend(Window window, String operation) {
        long from = ledger.from(window); // once: the steps and the slices start at the same moment
        return read(() -> UsageReports.trend(ledger.slices(window, from), window, from, operation));
    }

    @Override
    public List<FlowCounter> flowCounters(Window window) {
        Map<String, UsageReports.FlowApis> published = published();
        return read(() -> UsageReports.flowCounters(ledger.slices(window, ledger.from(window)), window, published));
    }

    @Override
    public Set<String> consumersOf(String api, Window window) {
        return read(() -> ledger.consumers(window, api));
    }

    @Override
    public String csv(Window window, Grouping by, boolean hourly) {
        return hourly ? read(() -> Csv.hourly(ledger.slices(window, ledger.from(window))))
                : Csv.rows(window.label(), usage(window, by));
    }

    /** A report read from the store. */
    private interface Read<T> {
        T get() throws SQLException;
    }

    private static <T> T read(Read<T> report) {
        try {
            return report.get();
        } catch (SQLException e) {
            throw new IllegalStateException("The API usage roll-ups cannot be read from the trace store: "
                    + e.getMessage());
        }
    }

    /** Per flow with published operations: its unit and the names the service plane counts them under. */
    private Map<String, UsageReports.FlowApis> published() {
        FlowService f = flows;
        ServicePlane plane = servicePlane;
        Map<String, UsageReports.FlowApis> published = new LinkedHashMap<>();
        if (f == null || plane == null) {
            return published;
        }
        String restPath = URI.create(plane.restBaseUrl()).getPath();
        String soapPath = URI.create(plane.soapBaseUrl()).getPath();
        for (FlowInterfaces flow : f.interfaces()) {
            Set<String> apis = new TreeSet<>();
            flow.endpoints().stream().filter(e -> e.direction() == FlowEndpoint.Direction.IN)
                    .forEach(e -> FlowEndpoint.publishedAs(e.uri(), restPath, soapPath).ifPresent(apis::add));
            if (!apis.isEmpty()) {
                String unit = flow.metadata().getOrDefault("unit", "");
                published.put(flow.flow(), new UsageReports.FlowApis(unit.isBlank() ? "calls" : unit.trim(), apis));
            }
        }
        return published;
    }
}
