package dev.conflux.connector.internal;

import dev.conflux.connector.api.Health;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read model: every instance, by PID, as one immutable map that is replaced as a whole. The reconciler is
 * its only writer of instances, health checks replace one record's health; readers (shell, JMX, flows asking for
 * a component) see a consistent snapshot without locks and never wait for either.
 */
final class InstanceTable {

    private final AtomicReference<Map<String, InstanceRecord>> byPid = new AtomicReference<>(Map.of());

    Collection<InstanceRecord> all() {
        return byPid.get().values();
    }

    Optional<InstanceRecord> byPid(String pid) {
        return Optional.ofNullable(byPid.get().get(pid));
    }

    Optional<InstanceRecord> byName(String name) {
        return byPid.get().values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    void put(InstanceRecord record) {
        byPid.updateAndGet(current -> {
            Map<String, InstanceRecord> next = new HashMap<>(current);
            next.put(record.pid(), record);
            return Map.copyOf(next);
        });
    }

    void remove(String pid) {
        byPid.updateAndGet(current -> {
            Map<String, InstanceRecord> next = new HashMap<>(current);
            next.remove(pid);
            return Map.copyOf(next);
        });
    }

    /**
     * Records a health result of one generation of an instance.
     *
     * @return the health it replaces, or null when that generation is gone (reconfigured or removed meanwhile),
     *     in which case nothing is recorded
     */
    Health recordHealth(String pid, long generation, Health health) {
        return recordHealth(pid, generation, health, -1);
    }

    /** As {@link #recordHealth(String, long, Health)}, for a check that took {@code millis}. */
    Health recordHealth(String pid, long generation, Health health, long millis) {
        while (true) {
            Map<String, InstanceRecord> current = byPid.get();
            InstanceRecord record = current.get(pid);
            if (record == null || record.generation() != generation) {
                return null;
            }
            Map<String, InstanceRecord> next = new HashMap<>(current);
            next.put(pid, millis < 0 ? record.withHealth(health) : record.withHealth(health, millis));
            if (byPid.compareAndSet(current, Map.copyOf(next))) {
                return record.health();
            }
        }
    }
}
