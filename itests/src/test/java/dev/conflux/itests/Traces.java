package dev.conflux.itests;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Message tracing as support staff and scripts meet it: the MBean {@code conflux:type=traces} over Jolokia (what the
 * console's Trace page sends), its answers read as JSON, and the tracing configuration {@code etc/conflux.tracing.cfg}
 * changed as an administrator saves it.
 */
final class Traces {

    static final String MBEAN = "conflux:type=traces";

    private final ConfluxDistribution conflux;
    private final Jolokia jolokia;

    Traces(ConfluxDistribution conflux, Jolokia jolokia) {
        this.conflux = conflux;
        this.jolokia = jolokia;
    }

    /** The newest trace of a business key, trace id or message id ({@code trace(keyOrId)}), or null when none. */
    JsonNode trace(String keyOrId) throws Exception {
        return parse(jolokia.exec(MBEAN, "trace", keyOrId));
    }

    /** The answer to {@code trace(keyOrId)} as the console receives it, unparsed. */
    String traceAnswer(String keyOrId) throws Exception {
        return jolokia.execAnswer(MBEAN, "trace", keyOrId).toString();
    }

    /** The summaries {@code search(text, flow, since, failedOnly, limit)} answers. */
    JsonNode search(String text, String flow, String since, boolean failedOnly, int limit) throws Exception {
        JsonNode found = parse(jolokia.exec(MBEAN, "search", text, flow, since, failedOnly, limit));
        if (found == null || !found.isArray()) {
            throw new AssertionError("search answered no list: " + found);
        }
        return found;
    }

    /** The store's statistics (attribute {@code Stats}). */
    JsonNode stats() throws Exception {
        return parse(jolokia.read(MBEAN, "Stats"));
    }

    /** Waits for a trace whose hops satisfy the condition (hops are written asynchronously, in batches). */
    JsonNode await(String keyOrId, String what, Predicate<List<JsonNode>> condition) throws Exception {
        return Await.until("trace of " + keyOrId + ": " + what, Duration.ofSeconds(90), () -> {
            JsonNode t = trace(keyOrId);
            return t != null && condition.test(hops(t)) ? t : null;
        });
    }

    /** Waits for the trace of a message that a flow has finished with (a COMPLETED hop of that flow). */
    JsonNode awaitCompleted(String keyOrId, String flow) throws Exception {
        return await(keyOrId, "COMPLETED in " + flow, hops -> hops.stream().anyMatch(h -> is(h, "COMPLETED", flow)));
    }

    /** A field's text; empty when it is null or missing (JSON null would read as "null"). */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? "" : v.asText();
    }

    static List<JsonNode> hops(JsonNode trace) {
        List<JsonNode> hops = new ArrayList<>();
        trace.path("hops").forEach(hops::add);
        return hops;
    }

    static List<String> kinds(JsonNode trace) {
        return hops(trace).stream().map(h -> h.path("kind").asText()).toList();
    }

    /** True for a hop of this kind recorded by this flow (any flow when null). */
    static boolean is(JsonNode hop, String kind, String flow) {
        return kind.equals(hop.path("kind").asText()) && (flow == null || flow.equals(hop.path("flow").asText()));
    }

    /**
     * Asserts that hops matching each condition appear in this order (others may come between) and returns them.
     */
    @SafeVarargs
    static List<JsonNode> inOrder(JsonNode trace, Predicate<JsonNode>... conditions) {
        List<JsonNode> hops = hops(trace);
        List<JsonNode> found = new ArrayList<>();
        int from = 0;
        for (int c = 0; c < conditions.length; c++) {
            int at = -1;
            for (int i = from; i < hops.size() && at < 0; i++) {
                if (conditions[c].test(hops.get(i))) {
                    at = i;
                }
            }
            assertTrue("hop " + (c + 1) + " of the expected order not found after position " + from + " in "
                    + kinds(trace) + ": " + trace, at >= 0);
            found.add(hops.get(at));
            from = at + 1;
        }
        return found;
    }

    /** The trace ids of a search's summaries. */
    static List<String> traceIds(JsonNode summaries) {
        List<String> ids = new ArrayList<>();
        summaries.forEach(s -> ids.add(s.path("traceId").asText()));
        return ids;
    }

    private static JsonNode parse(JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode parsed = value.isTextual() ? Http.JSON.readTree(value.asText()) : value;
        return parsed == null || parsed.isNull() || parsed.isMissingNode() ? null : parsed;
    }

    // ---- etc/conflux.tracing.cfg ------------------------------------------------------------------------------

    Path cfg() {
        return conflux.home().toPath().resolve("etc/conflux.tracing.cfg");
    }

    /** Sets keys in etc/conflux.tracing.cfg (others kept); returns the content before, for {@link #restore}. */
    String configure(Map<String, String> settings) throws IOException {
        String before = Files.exists(cfg()) ? Files.readString(cfg()) : "";
        Map<String, String> remaining = new LinkedHashMap<>(settings);
        StringBuilder out = new StringBuilder();
        for (String line : before.split("\n", -1)) {
            String key = line.contains("=") && !line.stripLeading().startsWith("#")
                    ? line.substring(0, line.indexOf('=')).strip() : null;
            if (key != null && remaining.containsKey(key)) {
                out.append(key).append(" = ").append(remaining.remove(key)).append('\n');
            } else if (!line.isEmpty()) {
                out.append(line).append('\n');
            }
        }
        remaining.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        write(out.toString());
        return before;
    }

    void restore(String content) throws IOException {
        write(content);
    }

    private void write(String content) throws IOException {
        Path tmp = cfg().resolveSibling(".conflux.tracing.cfg.tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, cfg(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
