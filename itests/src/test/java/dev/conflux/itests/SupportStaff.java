package dev.conflux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Support staff at the console, server side: a viewer, an operator and an admin sending the Jolokia requests the
 * Conflux pages send, and what they read there (queues, dead letters, the audit trail, the broker's settings).
 */
final class SupportStaff {

    static final String QUEUES = "conflux:type=queues";
    static final String DEAD_LETTERS = "conflux:type=deadletters";
    static final String FLOWS = "conflux:type=flows";
    static final String AUDIT = "conflux:type=audit";
    static final String BROKER = "org.apache.activemq.artemis:broker=\"conflux\"";

    final Jolokia viewer;
    final Jolokia operator;
    final Jolokia admin;

    SupportStaff(ConfluxDistribution conflux) {
        viewer = new Jolokia(conflux, ConfluxDistribution.VIEWER, ConfluxDistribution.VIEWER_PASSWORD);
        operator = new Jolokia(conflux, ConfluxDistribution.OPERATOR, ConfluxDistribution.OPERATOR_PASSWORD);
        admin = new Jolokia(conflux, ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD);
    }

    /** The dead letters (first page of each dead-letter queue) that came from a queue. */
    List<JsonNode> deadLetters(String originalQueue) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode d : viewer.read(DEAD_LETTERS, "DeadLetters")) {
            if (originalQueue.equals(d.path("originalQueue").asText())) {
                list.add(d);
            }
        }
        return list;
    }

    JsonNode queue(String name) throws Exception {
        for (JsonNode q : viewer.read(QUEUES, "Queues")) {
            if (name.equals(q.path("name").asText())) {
                return q;
            }
        }
        return null;
    }

    long depth(String name) throws Exception {
        JsonNode q = queue(name);
        return q == null ? 0 : q.path("messageCount").asLong();
    }

    static void assertRefused(JsonNode answer) {
        assertEquals("refused by the server: " + answer, 403, answer.path("status").asInt());
        assertTrue(answer.toString(), answer.path("error").asText().contains("forbidden"));
    }

    /** The newest audit entry of an action on a target. */
    JsonNode auditEntry(String action, String target) throws Exception {
        for (JsonNode e : viewer.exec(AUDIT, "entries", 200)) {
            if (action.equals(e.path("action").asText()) && target.equals(e.path("target").asText())) {
                return e;
            }
        }
        throw new AssertionError("no audit entry " + action + " on " + target);
    }

    static List<String> items(JsonNode entry) {
        List<String> items = new ArrayList<>();
        entry.path("items").forEach(i -> items.add(i.asText()));
        return items;
    }

    static void assertCaller(JsonNode entry, Jolokia who) {
        assertEquals(entry.toString(), who.user(), entry.path("user").asText());
        // Karaf's login records the client: hawtio(127.0.0.1:port) for the console and Jolokia
        assertTrue(entry.toString(), entry.path("from").asText().contains("127.0.0.1"));
        assertFalse(entry.path("at").asText().isEmpty());
    }

    /** The redelivery delay the broker's address settings (etc/artemis.xml) give an address. */
    long redeliveryDelayMillis(String address) throws Exception {
        JsonNode settings = Http.JSON.readTree(viewer.exec(BROKER, "getAddressSettingsAsJSON", address).asText());
        assertTrue(settings.toString(), settings.path("redeliveryDelay").isNumber());
        return settings.path("redeliveryDelay").asLong();
    }
}
