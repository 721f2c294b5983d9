package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The management plane as an operator's tools see it: Jolokia behind the console's authentication. */
public final class Console {

    private final ConfluxDistribution conflux;
    private final Http http = new Http();

    public Console(ConfluxDistribution conflux) {
        this.conflux = conflux;
    }

    public HttpResponse<String> jolokiaGet(String path) throws Exception {
        return http.get(conflux.consoleUrl() + "/jolokia/" + path,
                "Authorization", Http.basic(ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD));
    }

    /** A Jolokia request that must succeed; returns its "value". */
    public JsonNode jolokia(String path) throws Exception {
        HttpResponse<String> r = jolokiaGet(path);
        JsonNode body = Http.json(r);
        if (r.statusCode() != 200 || body.path("status").asInt() != 200) {
            throw new AssertionError("Jolokia " + path + " -> HTTP " + r.statusCode() + ": " + r.body());
        }
        return body.get("value");
    }

    public JsonNode exec(String mbean, String operation, String... args) throws Exception {
        StringBuilder path = new StringBuilder("exec/").append(mbean).append('/').append(operation);
        for (String a : args) {
            // Jolokia's own escaping first ("!/" is a slash inside an argument), then URL encoding.
            String escaped = a.replace("!", "!!").replace("/", "!/");
            path.append('/').append(URLEncoder.encode(escaped, StandardCharsets.UTF_8));
        }
        return jolokia(path.toString());
    }

    /** One row per bundle, from the OSGi JMX bundle-state MBean: Identifier, SymbolicName, State, Fragment. */
    public List<JsonNode> bundles() throws Exception {
        JsonNode names = jolokia("search/osgi.core:type=bundleState,*");
        String mbean = names.get(0).asText();
        JsonNode table = exec(mbean, "listBundles()");
        List<JsonNode> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }

    /** Bundles that should be ACTIVE and are not (fragments are RESOLVED by nature). */
    public List<String> notActive() throws Exception {
        return notActive(bundles());
    }

    private static List<String> notActive(List<JsonNode> bundles) {
        List<String> problems = new ArrayList<>();
        for (JsonNode b : bundles) {
            if (!"ACTIVE".equals(b.path("State").asText()) && !b.path("Fragment").asBoolean()) {
                problems.add(b.path("SymbolicName").asText() + "=" + b.path("State").asText());
            }
        }
        return problems;
    }

    public long bundleId(String symbolicName) throws Exception {
        for (JsonNode b : bundles()) {
            if (symbolicName.equals(b.path("SymbolicName").asText())) {
                return b.path("Identifier").asLong();
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Waits until the container is up: every bundle Active, the service plane listening, the console answering. */
    public void awaitReady() throws Exception {
        Await.until("all bundles ACTIVE", Duration.ofMinutes(4), () -> {
            List<JsonNode> bundles = bundles();
            List<String> notActive = notActive(bundles);
            if (!notActive.isEmpty()) {
                throw new AssertionError("not active: " + notActive);
            }
            return bundles.size() > 50;
        });
        Await.until("service plane answering", Duration.ofMinutes(1),
                () -> http.get(conflux.servicesUrl() + "/services/").statusCode() == 200);
        Await.until("service plane health UP", Duration.ofMinutes(1),
                () -> "UP".equals(http.get(conflux.servicesUrl() + "/health").body()));
    }
}
