package dev.conflux.alerts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.conflux.alerts.api.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps the alerting state in {@code ${karaf.data}/conflux/alerts/state.json}: the active alerts, the silences and
 * the last {@value AlertEngine#HISTORY} resolved alerts, written whole to a temporary file and moved into place, so
 * a crash leaves the previous state or the new one, never half of one.
 */
final class AlertStore {

    /** A rule's silence. */
    record Silence(Instant until, String reason, String by) {
    }

    /** What survives a restart. */
    record State(List<Alert> active, List<Alert> history, Map<String, Silence> silences) {
        static final State EMPTY = new State(List.of(), List.of(), Map.of());
    }

    private final Path file;
    private final ObjectMapper json;

    AlertStore(Path directory) {
        this.file = directory.resolve("state.json");
        SimpleModule times = new SimpleModule();
        times.addSerializer(Instant.class, ToStringSerializer.instance);
        times.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        json = new ObjectMapper().registerModule(times)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    Path file() {
        return file;
    }

    /** The saved state; empty when there is none yet. A file that cannot be read is an IOException. */
    State load() throws IOException {
        if (!Files.exists(file)) {
            return State.EMPTY;
        }
        State state = json.readValue(file.toFile(), State.class);
        return new State(state.active() == null ? List.of() : state.active(),
                state.history() == null ? List.of() : state.history(),
                state.silences() == null ? Map.of() : state.silences());
    }

    void save(State state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
