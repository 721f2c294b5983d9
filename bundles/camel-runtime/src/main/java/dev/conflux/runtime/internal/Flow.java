package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import dev.conflux.runtime.api.Flows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.ServiceReference;

/**
 * One flow: where it comes from (fixed) and where it is in its life (a {@link Snapshot}, replaced as a whole by
 * each transition). Transitions are made only by the flow's own lane (see {@link FlowLanes}), one at a time;
 * anyone may read the current snapshot at any time without waiting.
 */
final class Flow {

    /**
     * Where a flow is: the revision it runs (or last tried), its content, what runs it, and the last error.
     *
     * @param missingComponents components the flow's current content needs and the runtime does not have (from
     *                          validation or from a failed start); the flow is deployed again when one appears
     */
    record Snapshot(FlowState state, int revision, String content, String sha, RevisionPolicy.Running running,
            Instant startedAt, Properties properties, String lastError, Instant lastErrorAt,
            Set<String> missingComponents) {
    }

    private final String name;
    private final String source;
    private final Path file;
    private final ServiceReference<RoutesBuilder> bundleRef;
    private final RoutesBuilder builder;
    /** Before the first transition: what the lane works from, never shown to readers (see {@link #settled()}). */
    private volatile Snapshot now = new Snapshot(FlowState.FAILED, 0, null, null, null, null, new Properties(), null,
            null, Set.of());
    private volatile boolean settled;
    /** The endpoints of the revision that last ran, and which revision that was; kept while the flow does not run. */
    private record Known(int revision, FlowEndpoints.Read read) {
    }

    private volatile Known lastKnown = new Known(0, FlowEndpoints.Read.NONE);

    private Flow(String name, String source, Path file, ServiceReference<RoutesBuilder> bundleRef, RoutesBuilder builder) {
        this.name = name;
        this.source = source;
        this.file = file;
        this.bundleRef = bundleRef;
        this.builder = builder;
    }

    static Flow fromFile(String name, Path file) {
        return new Flow(name, "file:" + file, file, null, null);
    }

    static Flow fromBundle(String name, String source, ServiceReference<RoutesBuilder> ref, RoutesBuilder builder) {
        return new Flow(name, source, null, ref, builder);
    }

    String name() {
        return name;
    }

    String source() {
        return source;
    }

    /** The flow's file, null for a bundle flow. */
    Path file() {
        return file;
    }

    ServiceReference<RoutesBuilder> bundleRef() {
        return bundleRef;
    }

    RoutesBuilder builder() {
        return builder;
    }

    Snapshot now() {
        return now;
    }

    // ---- transitions ---------------------------------------------------------------------------------------------

    /** A new revision is taken while the flow stays stopped (an operator stopped it). */
    void accepted(int revision, String content) {
        Snapshot s = now;
        publish(new Snapshot(FlowState.STOPPED, revision, content, FlowHistory.sha256(content), null, null,
                s.properties(), s.lastError(), s.lastErrorAt(), Set.of()));
    }

    /** The revision runs. */
    void started(int revision, String content, RevisionPolicy.Running running, Properties properties) {
        publish(new Snapshot(FlowState.STARTED, revision, content, FlowHistory.sha256(content), running, Instant.now(),
                properties, null, null, Set.of()));
    }

    /** The revision did not start and nothing runs. */
    void failed(int revision, String content, String cause, Set<String> missing) {
        publish(new Snapshot(FlowState.FAILED, revision, content, content == null ? null : FlowHistory.sha256(content),
                null, null, now.properties(), cause, Instant.now(), Set.copyOf(missing)));
    }

    /** The content is not valid and nothing runs; the revision that last ran (if any) stays recorded. */
    void invalid(String report, Set<String> missing) {
        Snapshot s = now;
        publish(new Snapshot(FlowState.FAILED, s.revision(), s.content(), s.sha(), null, null, s.properties(), report,
                Instant.now(), Set.copyOf(missing)));
    }

    /** An edit was rejected: what runs keeps running, with the reason shown. */
    void rejected(String message) {
        Snapshot s = now;
        publish(new Snapshot(s.state(), s.revision(), s.content(), s.sha(), s.running(), s.startedAt(), s.properties(),
                message, Instant.now(), s.missingComponents()));
    }

    /** A new revision failed to start; the previous one (still the recorded revision) runs again. */
    void restored(RevisionPolicy.Running running, Properties properties, String error) {
        Snapshot s = now;
        publish(new Snapshot(FlowState.STARTED, s.revision(), s.content(), s.sha(), running, Instant.now(), properties,
                error, Instant.now(), Set.of()));
    }

    /** Stopped by an operator. */
    void stopped() {
        Snapshot s = now;
        publish(new Snapshot(FlowState.STOPPED, s.revision(), s.content(), s.sha(), null, null, s.properties(),
                s.lastError(), s.lastErrorAt(), s.missingComponents()));
    }

    /** Not running and not started, with the configuration it would start with. */
    void configured(Properties properties) {
        Snapshot s = now;
        publish(new Snapshot(s.state(), s.revision(), s.content(), s.sha(), s.running(), s.startedAt(), properties,
                s.lastError(), s.lastErrorAt(), s.missingComponents()));
    }

    private void publish(Snapshot next) {
        Snapshot before = now;
        if (before.running() != null && next.running() != before.running()) {
            lastKnown = new Known(before.revision(), before.running().endpoints());
        }
        if (next.running() != null) {
            lastKnown = new Known(next.revision(), next.running().endpoints());
        }
        now = next;
        settled = true;
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /**
     * Whether the flow's first transition is done. Until then readers do not see it: a file just dropped is not
     * yet anything (it would otherwise read as FAILED without a reason).
     */
    boolean settled() {
        return settled;
    }

    boolean isRunning() {
        return now.running() != null;
    }

    /**
     * Its endpoints (those of the revision that runs, or last ran) and metadata (see {@link #metadata}).
     */
    FlowInterfaces interfaces() {
        Snapshot s = now;
        Known known = s.running() != null ? new Known(s.revision(), s.running().endpoints()) : lastKnown;
        return new FlowInterfaces(name, source, known.revision(), s.state(),
                metadata(known.read().declared(), bundleRef, s.properties()), known.read().endpoints());
    }

    /**
     * What a flow says about itself: what its routes declare, then a bundle flow's {@code conflux.flow.<key>} service
     * properties, then its configuration, each over the one before.
     */
    static Map<String, String> metadata(Map<String, String> declared, ServiceReference<?> bundleRef,
            Properties configuration) {
        Map<String, String> metadata = new TreeMap<>(declared);
        for (String key : FlowInterfaces.METADATA_KEYS) {
            Object property = bundleRef == null ? null : bundleRef.getProperty(Flows.FLOW_NAME + "." + key);
            if (property != null && !property.toString().isBlank()) {
                metadata.put(key, property.toString().strip());
            }
            String configured = configuration.getProperty(key);
            if (configured != null && !configured.isBlank()) {
                metadata.put(key, configured.strip());
            }
        }
        return metadata;
    }

    FlowStatus status() {
        Snapshot s = now;
        FlowStats stats = s.running() == null ? FlowStats.NONE : s.running().stats();
        return new FlowStatus(name, source, s.revision(), s.state(), s.startedAt(), stats.total(), stats.failed(),
                stats.inflight(), stats.meanMillis(), stats.maxMillis(), s.lastError(), s.lastErrorAt(),
                stats.lastSuccessAt());
    }
}
