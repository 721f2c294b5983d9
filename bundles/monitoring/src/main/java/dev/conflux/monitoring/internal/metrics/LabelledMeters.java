package dev.conflux.monitoring.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The meters of a set of things that come and go (flows, queues, connector instances): meters are registered for a
 * name when it appears and removed from the registry when it is gone, so a deleted queue stops being reported
 * instead of repeating its last value. Label values only ever come from these names (bounded sets).
 */
final class LabelledMeters {

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> byName = new HashMap<>();

    LabelledMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers meters for new names (with {@code register}) and removes those of names not in {@code names}. */
    synchronized void sync(Set<String> names, Function<String, List<Meter>> register) {
        for (Iterator<Map.Entry<String, List<Meter>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Meter>> e = it.next();
            if (!names.contains(e.getKey())) {
                e.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        for (String name : names) {
            byName.computeIfAbsent(name, register);
        }
    }

    synchronized Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    synchronized void clear() {
        sync(Set.of(), n -> List.of());
    }
}
