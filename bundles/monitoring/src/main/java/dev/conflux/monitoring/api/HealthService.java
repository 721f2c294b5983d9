package dev.conflux.monitoring.api;

/**
 * The container's health, for load balancers and monitoring (an OSGi service of the monitoring bundle). The
 * {@code /health/live} and {@code /health/ready} resources of the management plane (8181) and of the service plane
 * (8182) are front ends over it: 200 when {@link HealthReport#status()} is UP, 503 when DOWN; anonymous callers see
 * the status only, authenticated ones every check.
 */
public interface HealthService {

    /** Whether the container is alive (answers, is not shutting down): a load balancer restarts it when DOWN. */
    HealthReport liveness();

    /**
     * Whether the container can take work: DOWN while the broker is not accepting, or while a flow marked
     * {@code critical} is not STARTED. Every other check (each flow, each connector instance, journal disk space)
     * is reported with its own status but does not make the container unready.
     */
    HealthReport readiness();
}
