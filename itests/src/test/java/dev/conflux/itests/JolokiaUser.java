package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/**
 * Jolokia as one user of the console sees it: the same POST requests the console's pages send, with that user's
 * credentials. Returns the whole answer, so that a test can check a refusal as well as a value.
 */
public final class JolokiaUser {

    private final ConfluxDistribution conflux;
    private final String user;
    private final String password;
    private final Http http = new Http();

    public JolokiaUser(ConfluxDistribution conflux, String user, String password) {
        this.conflux = conflux;
        this.user = user;
        this.password = password;
    }

    public String name() {
        return user;
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

    /** What Jolokia lists under a path ({@code domain/key=value}): attributes and operations of an MBean. */
    public JsonNode list(String path) throws Exception {
        return value(post(Http.JSON.createObjectNode().put("type", "list").put("path", path)));
    }

    /** An exec that must succeed; its value. */
    public JsonNode exec(String mbean, String operation, Object... args) throws Exception {
        return value(execAnswer(mbean, operation, args));
    }

    public JsonNode read(String mbean, String attribute) throws Exception {
        return value(readAnswer(mbean, attribute));
    }

    private JsonNode value(JsonNode answer) {
        if (answer.path("status").asInt() != 200) {
            throw new AssertionError(user + ": " + answer.path("request") + " -> " + answer.path("status") + " "
                    + answer.path("error").asText());
        }
        return answer.get("value");
    }

    private JsonNode post(JsonNode request) throws Exception {
        HttpResponse<String> r = http.post(conflux.consoleUrl() + "/jolokia/", "application/json", request.toString(),
                "Authorization", Http.basic(user, password));
        if (r.statusCode() != 200) {
            throw new AssertionError(user + ": HTTP " + r.statusCode() + " for " + request + ": " + r.body());
        }
        return Http.json(r);
    }
}
