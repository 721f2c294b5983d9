package dev.conflux.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.runtime.api.DeliveryFailure;
import dev.conflux.runtime.api.DeliveryFailures;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers why flows failed to process broker messages, so that a dead-lettered message can be shown with its
 * reason. One JSON line per failure in {@code ${karaf.data}/conflux/delivery-failures.jsonl}, reloaded at start;
 * the newest {@value #KEEP} messages are kept (the file is compacted when it grows past twice that).
 */
@Component(service = {DeliveryFailures.class, DeliveryFailureLog.class})
public class DeliveryFailureLog implements DeliveryFailures {

    static final int KEEP = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailureLog.class);

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, DeliveryFailure> byBrokerId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, DeliveryFailure> eldest) {
            return size() > KEEP;
        }
    };
    private final Map<String, Long> byJmsId = new LinkedHashMap<>();
    private Path file;
    private BufferedWriter out;
    private int lines;

    public DeliveryFailureLog() {
    }

    DeliveryFailureLog(Path file) throws IOException {
        open(file);
    }

    @Activate
    void activate() throws IOException {
        open(Path.of(System.getProperty("karaf.data", "data"), "conflux", "delivery-failures.jsonl"));
    }

    private synchronized void open(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    remember(read(json.readTree(line)));
                    lines++;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Skipping an unreadable line of {}: {}", file, e.getMessage());
                }
            }
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Deactivate
    synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /** Records one failed delivery; the first failure time of an earlier attempt of the same message is kept. */
    public synchronized DeliveryFailure record(long brokerMessageId, String jmsMessageId, String queue, String flow,
            String route, String step, Throwable cause, int deliveryCount) {
        Instant now = Instant.now();
        DeliveryFailure previous = brokerMessageId > 0 ? byBrokerId.get(brokerMessageId) : null;
        DeliveryFailure failure = new DeliveryFailure(brokerMessageId, jmsMessageId, queue, flow, route, step,
                cause.getClass().getName(), String.valueOf(cause.getMessage()),
                Math.max(deliveryCount, previous == null ? 1 : previous.attempts() + 1),
                previous == null ? now : previous.firstFailure(), now);
        remember(failure);
        try {
            if (out != null) {
                out.write(write(failure));
                out.newLine();
                out.flush();
                if (++lines > 2 * KEEP) {
                    compact();
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not write {}: {}", file, e.getMessage());
        }
        return failure;
    }

    private void remember(DeliveryFailure f) {
        if (f.brokerMessageId() > 0) {
            byBrokerId.remove(f.brokerMessageId());
            byBrokerId.put(f.brokerMessageId(), f);
        }
        if (f.jmsMessageId() != null) {
            byJmsId.put(f.jmsMessageId(), f.brokerMessageId());
            if (byJmsId.size() > KEEP) {
                byJmsId.remove(byJmsId.keySet().iterator().next());
            }
        }
    }

    private void compact() throws IOException {
        out.close();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> keep = new ArrayList<>();
        for (DeliveryFailure f : byBrokerId.values()) {
            keep.add(write(f));
        }
        Files.write(tmp, keep, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lines = keep.size();
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private String write(DeliveryFailure f) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("brokerMessageId", f.brokerMessageId());
        m.put("jmsMessageId", f.jmsMessageId());
        m.put("queue", f.queue());
        m.put("flow", f.flow());
        m.put("route", f.route());
        m.put("step", f.step());
        m.put("exceptionType", f.exceptionType());
        m.put("exceptionMessage", f.exceptionMessage());
        m.put("attempts", f.attempts());
        m.put("firstFailure", f.firstFailure().toString());
        m.put("lastFailure", f.lastFailure().toString());
        return json.writeValueAsString(m);
    }

    private static DeliveryFailure read(JsonNode n) {
        return new DeliveryFailure(n.path("brokerMessageId").asLong(), text(n, "jmsMessageId"), text(n, "queue"),
                text(n, "flow"), text(n, "route"), text(n, "step"), text(n, "exceptionType"),
                text(n, "exceptionMessage"), n.path("attempts").asInt(), Instant.parse(n.path("firstFailure").asText()),
                Instant.parse(n.path("lastFailure").asText()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public synchronized Optional<DeliveryFailure> byBrokerMessageId(long brokerMessageId) {
        return Optional.ofNullable(byBrokerId.get(brokerMessageId));
    }

    @Override
    public synchronized Optional<DeliveryFailure> byJmsMessageId(String jmsMessageId) {
        Long id = jmsMessageId == null ? null : byJmsId.get(jmsMessageId);
        return id == null ? Optional.empty() : byBrokerMessageId(id);
    }
}
