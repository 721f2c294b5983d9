package dev.conflux.runtime.internal;

import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedCamelContextMBean;

/** A running flow's traffic, read from its CamelContext's management statistics. */
record FlowStats(long total, long failed, long inflight, long meanMillis, long maxMillis, Instant lastSuccessAt) {

    static final FlowStats NONE = new FlowStats(0, 0, 0, 0, 0, null);

    /** Never waits for the context: a context that is stopping or has stopped reports what it can, else nothing. */
    static FlowStats of(CamelContext context) {
        try {
            ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            ManagedCamelContextMBean stats = managed == null ? null : managed.getManagedCamelContext();
            if (stats == null) {
                return NONE;
            }
            return new FlowStats(stats.getExchangesTotal(), stats.getExchangesFailed(), stats.getExchangesInflight(),
                    Math.max(0, stats.getMeanProcessingTime()), stats.getMaxProcessingTime(),
                    stats.getLastExchangeCompletedTimestamp() == null ? null
                            : stats.getLastExchangeCompletedTimestamp().toInstant());
        } catch (RuntimeException e) {
            return NONE; // its management objects are already gone
        }
    }
}
