package dev.conflux.flowmanagement.jmx;

import dev.conflux.runtime.api.FlowStatus;
import java.beans.ConstructorProperties;
import java.time.Duration;
import java.time.Instant;

/** One flow as JMX shows it (an open-type composite). */
public class FlowView {
    private final String name;
    private final String source;
    private final int revision;
    private final String state;
    private final String startedAt;
    private final long uptimeSeconds;
    private final long exchangesTotal;
    private final long exchangesFailed;
    private final long exchangesInflight;
    private final long meanProcessingMillis;
    private final long maxProcessingMillis;
    private final String lastError;
    private final String lastErrorAt;

    @ConstructorProperties({"name", "source", "revision", "state", "startedAt", "uptimeSeconds", "exchangesTotal",
            "exchangesFailed", "exchangesInflight", "meanProcessingMillis", "maxProcessingMillis", "lastError",
            "lastErrorAt"})
    public FlowView(String name, String source, int revision, String state, String startedAt, long uptimeSeconds,
            long exchangesTotal, long exchangesFailed, long exchangesInflight, long meanProcessingMillis,
            long maxProcessingMillis, String lastError, String lastErrorAt) {
        this.name = name;
        this.source = source;
        this.revision = revision;
        this.state = state;
        this.startedAt = startedAt;
        this.uptimeSeconds = uptimeSeconds;
        this.exchangesTotal = exchangesTotal;
        this.exchangesFailed = exchangesFailed;
        this.exchangesInflight = exchangesInflight;
        this.meanProcessingMillis = meanProcessingMillis;
        this.maxProcessingMillis = maxProcessingMillis;
        this.lastError = lastError;
        this.lastErrorAt = lastErrorAt;
    }

    static FlowView of(FlowStatus f) {
        long uptime = f.startedAt() == null ? 0
                : Duration.between(f.startedAt(), Instant.now()).toSeconds();
        return new FlowView(f.name(), f.source(), f.revision(), f.state().name(),
                f.startedAt() == null ? "" : f.startedAt().toString(), uptime, f.exchangesTotal(),
                f.exchangesFailed(), f.exchangesInflight(), f.meanProcessingMillis(), f.maxProcessingMillis(),
                f.lastError() == null ? "" : f.lastError(), f.lastErrorAt() == null ? "" : f.lastErrorAt().toString());
    }

    public String getName() { return name; }
    public String getSource() { return source; }
    public int getRevision() { return revision; }
    public String getState() { return state; }
    public String getStartedAt() { return startedAt; }
    public long getUptimeSeconds() { return uptimeSeconds; }
    public long getExchangesTotal() { return exchangesTotal; }
    public long getExchangesFailed() { return exchangesFailed; }
    public long getExchangesInflight() { return exchangesInflight; }
    public long getMeanProcessingMillis() { return meanProcessingMillis; }
    public long getMaxProcessingMillis() { return maxProcessingMillis; }
    public String getLastError() { return lastError; }
    public String getLastErrorAt() { return lastErrorAt; }
}
