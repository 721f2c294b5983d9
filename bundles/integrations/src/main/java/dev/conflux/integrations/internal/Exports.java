package dev.conflux.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.conflux.integrations.api.IntegrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An integration as a small YAML document for another environment: its name, title, template, template version and
 * parameter values; never a flow, so the other environment renders it from its own copy of the template.
 */
final class Exports {

    static final String KIND = "conflux-integration";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    record Imported(String name, String title, String template, int templateVersion, Map<String, String> parameters) {
    }

    private Exports() {
    }

    static String write(StoredIntegration i) {
        ObjectNode doc = YAML.createObjectNode();
        doc.put("kind", KIND);
        doc.put("name", i.name());
        doc.put("title", i.title());
        doc.put("template", i.template());
        doc.put("templateVersion", i.templateVersion());
        ObjectNode parameters = doc.putObject("parameters");
        new java.util.TreeMap<>(i.parameters()).forEach(parameters::put);
        try {
            return "# Exported from Conflux: import it in another environment (My integrations > Import).\n"
                    + YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Imported read(String document) {
        JsonNode doc;
        try {
            doc = YAML.readTree(document == null ? "" : document);
        } catch (IOException e) {
            throw new IntegrationException("not an exported integration (YAML): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || !doc.isObject() || !KIND.equals(doc.path("kind").asText())) {
            throw new IntegrationException("not an exported integration: it starts with 'kind: " + KIND + "'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        doc.path("parameters").fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new IntegrationException("parameter " + e.getKey() + ": a single value");
            }
            parameters.put(e.getKey(), e.getValue().asText());
        });
        return new Imported(doc.path("name").asText(""), doc.path("title").asText(""), doc.path("template").asText(""),
                doc.path("templateVersion").asInt(0), parameters);
    }
}
