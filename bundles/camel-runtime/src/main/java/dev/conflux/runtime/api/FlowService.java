package dev.conflux.runtime.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runtime control of flows, registered as an OSGi service by the runtime. The {@code conflux:flow-*} shell
 * commands and the {@code conflux:type=flows} MBean are thin front ends over it. Operations on one flow are
 * applied in order, one at a time, and return when done; operations on different flows never wait for each
 * other. {@link #list()} and {@link #status} never wait for an operation: they return the last published state.
 *
 * <p>{@code actor} says who asked ({@code shell:admin}, {@code jmx:ops1}, …); it is written to the flow's history.
 */
public interface FlowService {

    List<FlowStatus> list();

    Optional<FlowStatus> status(String name);

    /** Starts a stopped or failed flow (its current revision). */
    FlowStatus start(String name, String actor);

    /** Stops a flow gracefully: in-flight exchanges finish, uncommitted transacted messages go back to the queue. */
    FlowStatus stop(String name, String actor);

    FlowStatus restart(String name, String actor);

    /**
     * Deploys an earlier revision of a file flow, and writes it back to the flow's file so that what runs is what
     * is on disk. {@code revision} 0 means the revision that ran before the current one.
     */
    FlowStatus rollback(String name, int revision, String actor);

    /** Oldest first. Survives restarts. */
    List<FlowRevision> history(String name);

    /** Checks a flow file without deploying it or touching the running flow; empty when it is valid. */
    List<FlowProblem> validate(Path file);

    /**
     * The flows whose configuration marks them critical: {@value #CRITICAL} {@code = true} in their
     * {@code etc/conflux.flow-<name>.cfg}, whether they are deployed or not. The container is not ready (health
     * probe {@code /health/ready}) while a critical flow is not STARTED.
     */
    default Set<String> criticalFlows() {
        return Set.of();
    }

    /**
     * Every deployed flow's endpoints (in and out) and declared metadata, read from its routes; a dynamic target
     * ({@code toD} …) is listed as written and, once the flow has sent to it, as each endpoint it resolved to.
     */
    default List<FlowInterfaces> interfaces() {
        return List.of();
    }

    /**
     * The endpoints a flow file would have, read without deploying it (for a check before a change); an
     * IllegalArgumentException says why the file cannot be read.
     */
    default FlowInterfaces interfacesOf(Path file) {
        throw new UnsupportedOperationException("not supported by this runtime");
    }

    /** The flow property that marks a flow critical. */
    String CRITICAL = "critical";

    /** Thrown for an unknown flow or an operation that does not apply (e.g. rollback of a bundle flow). */
    class FlowOperationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FlowOperationException(String message) {
            super(message);
        }
    }
}
