package dev.conflux.monitoring.api;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one probe: its overall status and every check that went into it (in a stable order: broker,
 * service plane, disk, flows, connectors).
 */
public record HealthReport(Status status, Instant checkedAt, List<Check> checks) {

    public enum Status { UP, DOWN }

    /**
     * One check.
     *
     * @param name     what was checked, e.g. {@code broker}, {@code flow:orders}, {@code connector:partner-a}, {@code disk:journal}
     * @param status   its own status
     * @param detail   what was found, in words (never a Java class name)
     * @param decisive whether a DOWN here makes the whole probe DOWN
     */
    public record Check(String name, Status status, String detail, boolean decisive) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** UP unless a decisive check is DOWN. */
    public static HealthReport of(List<Check> checks) {
        boolean down = checks.stream().anyMatch(c -> c.decisive() && c.status() == Status.DOWN);
        return new HealthReport(down ? Status.DOWN : Status.UP, Instant.now(), checks);
    }
}
