package dev.conflux.runtime.internal;

import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs when a flow gets a revision: the new revision replaces the running one; if it does not start, the
 * previous one is started again; a flow an operator stopped takes the revision but stays stopped. Every outcome
 * is written to the flow's history. Runs on the flow's lane; what actually starts a revision is a {@link Starter}.
 */
final class RevisionPolicy {

    /** A revision that runs. */
    interface Running {
        int routes();

        boolean usesComponent(String component);

        FlowStats stats();

        /** What the running revision's routes consume and send to, with the dynamic targets seen so far. */
        default FlowEndpoints.Read endpoints() {
            return FlowEndpoints.Read.NONE;
        }

        /** Graceful: in-flight work gets the shutdown timeout to finish. */
        void stop();
    }

    /** Starts a revision of a flow (its CamelContext, in the runtime). */
    interface Starter {
        Running start(Flow flow, int revision, String content, Properties properties) throws Exception;
    }

    /** A start failure already put in words for the flow's author, with the components it found missing. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> missingComponents;

        StartFailure(String message, Set<String> missingComponents, Throwable cause) {
            super(message, cause);
            this.missingComponents = Set.copyOf(missingComponents);
        }

        Set<String> missingComponents() {
            return missingComponents;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RevisionPolicy.class);

    private final Starter starter;
    private final FlowHistory history;
    private final Function<String, Properties> configuration;

    RevisionPolicy(Starter starter, FlowHistory history, Function<String, Properties> configuration) {
        this.starter = starter;
        this.history = history;
        this.configuration = configuration;
    }

    /**
     * Replaces what runs with the given revision. If the new revision does not start, the previous one is
     * started again. A flow an operator stopped takes the revision but stays stopped.
     */
    void activate(Flow flow, int revision, String content, String actor, String action) {
        Flow.Snapshot before = flow.now();
        if (history.isStopped(flow.name())) {
            halt(flow);
            flow.accepted(revision, content);
            history.record(flow.name(), revision, actor, action, "accepted; the flow stays stopped until started");
            LOG.info("Flow '{}' revision {} accepted; the flow stays STOPPED until started", flow.name(), revision);
            return;
        }
        int previousRevision = before.revision();
        String previousContent = before.running() != null ? before.content() : null;
        halt(flow);
        long begin = System.nanoTime();
        Properties properties = configuration.apply(flow.name());
        try {
            Running running = starter.start(flow, revision, content, properties);
            flow.started(revision, content, running, properties);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            history.record(flow.name(), revision, actor, action, "started in " + millis + " ms");
            LOG.info("Flow '{}' revision {} STARTED from {} ({} routes, {} ms)", flow.name(), revision, flow.source(),
                    running.routes(), millis);
        } catch (Exception e) {
            String cause = flow.source() + ": " + describe(e);
            history.record(flow.name(), revision, actor, "FAIL", cause);
            if (previousContent != null && previousRevision != revision) {
                try {
                    Running restored = starter.start(flow, previousRevision, previousContent, properties);
                    flow.restored(restored, properties, "revision " + revision + " failed to start, revision "
                            + previousRevision + " restored: " + cause);
                    history.record(flow.name(), previousRevision, actor, "RESTORE", "after revision " + revision + " failed");
                    LOG.error("Flow '{}': revision {} FAILED to start ({}); revision {} restored", flow.name(),
                            revision, cause, previousRevision, e);
                    return;
                } catch (Exception again) {
                    cause += "; restoring revision " + previousRevision + " failed too: " + describe(again);
                }
            }
            flow.failed(revision, content, cause, e instanceof StartFailure f ? f.missingComponents() : Set.of());
            LOG.error("Flow '{}' revision {} FAILED to start: {}", flow.name(), revision, cause, e);
        }
    }

    /** An operator stops the flow: it stays stopped, across restarts and redeploys, until started. */
    void stop(Flow flow, String actor) {
        history.setStopped(flow.name(), true);
        halt(flow);
        flow.stopped();
        history.record(flow.name(), flow.now().revision(), actor, "STOP", "stopped");
        LOG.info("Flow '{}' STOPPED by {}", flow.name(), actor);
    }

    /** Stops what runs, if anything, without changing what the flow is (for a swap, an undeploy, a shutdown). */
    void halt(Flow flow) {
        Running running = flow.now().running();
        if (running != null) {
            long begin = System.nanoTime();
            running.stop();
            LOG.info("Flow '{}' revision {} stopped in {} ms", flow.name(), flow.now().revision(),
                    (System.nanoTime() - begin) / 1_000_000);
        }
    }

    private static String describe(Exception e) {
        return e instanceof StartFailure ? e.getMessage() : FlowValidator.describe(e);
    }
}
