package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Jolokia behind the console's authentication, as one user sees it: the same requests the console's pages and an
 * operator's scripts send, with that user's credentials. The {@code *Answer} methods return the whole answer, so
 * that a test can check a refusal as well as a value; the others insist on success. Every request carries the
 * console's own {@code Origin}, as a browser on the console's pages sends it and as Jolokia's policy requires.
 */
public final class Jolokia {

    private final ConfluxDistribution conflux;
    private final String consoleUrl;
    private final String origin;
    private final String user;
    private final String password;
    private final Http http = new Http();

    /** Jolokia as the admin. */
    public Jolokia(ConfluxDistribution conflux) {
        this(conflux, ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD);
    }

    public Jolokia(ConfluxDistribution conflux, String user, String password) {
        this.conflux = conflux;
        this.consoleUrl = conflux.consoleUrl();
        this.origin = conflux.consoleOrigin();
        this.user = user;
        this.password = password;
    }

    /** Jolokia of an instance started otherwise (by its launcher), at {@code http://127.0.0.1:<port>/hawtio}. */
    public Jolokia(int httpPort, String user, String password) {
        this.conflux = null;
        this.consoleUrl = "http://127.0.0.1:" + httpPort + "/hawtio";
        this.origin = "http://127.0.0.1:" + httpPort;
        this.user = user;
        this.password = password;
    }

    public String user() {
        return user;
    }

    /** A GET request (e.g. {@code read/java.lang:type=Runtime/Uptime}) with its HTTP status, as it came. */
    public HttpResponse<String> get(String path) throws Exception {
        return http.get(consoleUrl + "/jolokia/" + path, "Authorization", Http.basic(user, password),
                "Origin", origin);
    }

    /** A GET request that must succeed; its "value". */
    public JsonNode getValue(String path) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(user + ": Jolokia " + path + " -> HTTP " + r.statusCode() + ": " + r.body());
        }
        return value(Http.json(r));
    }

    /** An exec request's answer (status 200 with a value, or an error status with the reason). */
    public JsonNode execAnswer(String mbean, String operation, Object... args) throws Exception {
        ObjectNode request = Http.JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        ArrayNode arguments = request.putArray("arguments");
        for (Object a : args) {
            arguments.add(Http.JSON.valueToTree(a));
        }
        return post(request);
    }

    public JsonNode readAnswer(String mbean, String attribute) throws Exception {
        return post(Http.JSON.createObjectNode().put("type", "read").put("mbean", mbean).put("attribute", attribute));
    }

    /** An exec that must succeed; its value. */
    public JsonNode exec(String mbean, String operation, Object... args) throws Exception {
        return value(execAnswer(mbean, operation, args));
    }

    /** A read that must succeed; its value. */
    public JsonNode read(String mbean, String attribute) throws Exception {
        return value(readAnswer(mbean, attribute));
    }

    /** What Jolokia lists under a path ({@code domain/key=value}): attributes and operations of an MBean. */
    public JsonNode list(String path) throws Exception {
        return value(post(Http.JSON.createObjectNode().put("type", "list").put("path", path)));
    }

    /** The names of the MBeans matching a pattern. */
    public List<String> search(String pattern) throws Exception {
        List<String> names = new ArrayList<>();
        value(post(Http.JSON.createObjectNode().put("type", "search").put("mbean", pattern)))
                .forEach(n -> names.add(n.asText()));
        return names;
    }

    /** One row per bundle, from the OSGi JMX bundle-state MBean: Identifier, SymbolicName, State, Fragment. */
    public List<JsonNode> bundles() throws Exception {
        JsonNode table = exec(search("osgi.core:type=bundleState,*").get(0), "listBundles()");
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
        // CXF's endpoint list is not served (serviceListEnabled=false): its path answers 404 once the plane is up.
        Http services = conflux.servicesHttp();
        Await.until("service plane answering", Duration.ofMinutes(1),
                () -> services.get(conflux.servicesUrl() + "/services/").statusCode() == 404);
        Await.until("service plane health UP", Duration.ofMinutes(1),
                () -> "UP".equals(services.get(conflux.servicesUrl() + "/health").body()));
    }

    private JsonNode value(JsonNode answer) {
        if (answer.path("status").asInt() != 200) {
            throw new AssertionError(user + ": " + answer.path("request") + " -> " + answer.path("status") + " "
                    + answer.path("error").asText());
        }
        return answer.get("value");
    }

    private JsonNode post(JsonNode request) throws Exception {
        HttpResponse<String> r = http.post(consoleUrl + "/jolokia/", "application/json", request.toString(),
                "Authorization", Http.basic(user, password), "Origin", origin);
        if (r.statusCode() != 200) {
            throw new AssertionError(user + ": HTTP " + r.statusCode() + " for " + request + ": " + r.body());
        }
        return Http.json(r);
    }
}
