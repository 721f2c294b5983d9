package dev.conflux.integrations.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.conflux.integrations.api.TemplateParameter;
import dev.conflux.integrations.api.TemplateParameter.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an integration's flow from its template's flow and its checked values, on the parsed YAML tree rather than
 * on the text: a value replaces {@code {{name}}} inside one scalar and is written back by the YAML writer, which
 * quotes it, so no value can add a key, a step or a line. (What a value may contain is {@link Parameters}' part.)
 */
final class Renderer {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    /**
     * Keys under which everything becomes (part of) an endpoint URI: endpoints, their options, the dynamic ones'
     * expressions, and a REST operation's path (it becomes the {@code rest:} endpoint's URI).
     */
    private static final Set<String> ENDPOINT_KEYS = Set.of("uri", "to", "toD", "wireTap", "enrich", "pollEnrich",
            "recipientList", "routingSlip", "dynamicRouter", "parameters", "path");
    /** Steps that run code rather than route: a template may not have them (its trial could not contain them). */
    static final Set<String> CODE_STEPS = Set.of("bean", "beans", "process", "script", "groovy", "java", "joor",
            "js", "python");
    private static final Set<Type> TYPED_SCALARS = Set.of(Type.NUMBER, Type.BOOLEAN, Type.INTERVAL);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Renderer() {
    }

    /**
     * Checks a template's flow: every placeholder names a declared parameter, and free text never goes into an
     * endpoint. Problems are added to {@code problems}.
     */
    static void checkTemplate(JsonNode flow, List<TemplateParameter> parameters, List<String> problems) {
        walk(flow, null, false, (scalar, key, inEndpoint) -> {
            if (scalar == null) {
                problems.add(CODE_STEPS.contains(key) ? "flow: '" + key + "' runs code; a template only routes"
                        : "flow: a key may not hold a parameter ('" + key + "')");
                return;
            }
            Matcher m = PLACEHOLDER.matcher(scalar);
            while (m.find()) {
                String name = m.group(1);
                TemplateParameter p = parameters.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (p == null) {
                    problems.add("flow: {{" + name + "}} is not a declared parameter");
                } else if (p.type() == Type.TEXT && inEndpoint) {
                    problems.add("flow: parameter " + name + " is free text and may not be used in an endpoint ('" + key + "')");
                }
            }
        });
    }

    /**
     * The integration's flow file.
     *
     * @param header comment lines written at the top (who made it, from which template)
     */
    static String render(String templateFlow, List<TemplateParameter> parameters, Map<String, String> values,
            List<String> header) {
        JsonNode flow;
        try {
            flow = YAML.readTree(templateFlow);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the template's flow is not YAML", e);
        }
        JsonNode rendered = substitute(flow, parameters, values);
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append("# ").append(line.replaceAll("[\\r\\n]", " ")).append('\n');
        }
        try {
            return out.append(YAML.writeValueAsString(rendered)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode substitute(JsonNode node, List<TemplateParameter> parameters, Map<String, String> values) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                copy.set(e.getKey(), substitute(e.getValue(), parameters, values));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, parameters, values)));
            return copy;
        }
        if (!node.isTextual()) {
            return node;
        }
        String text = node.asText();
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            TemplateParameter p = find(parameters, whole.group(1));
            String value = values.getOrDefault(p.name(), "");
            if (TYPED_SCALARS.contains(p.type()) && !value.isEmpty()) {
                return p.type() == Type.BOOLEAN ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                        : JsonNodeFactory.instance.numberNode(new BigDecimal(value));
            }
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(s, Matcher.quoteReplacement(values.getOrDefault(find(parameters, m.group(1)).name(), "")));
        }
        m.appendTail(s);
        return JsonNodeFactory.instance.textNode(s.toString());
    }

    private static TemplateParameter find(List<TemplateParameter> parameters, String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("undeclared parameter " + name));
    }

    private interface ScalarVisitor {
        void visit(String scalar, String key, boolean inEndpoint);
    }

    private static void walk(JsonNode node, String key, boolean inEndpoint, ScalarVisitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (PLACEHOLDER.matcher(e.getKey()).find() || CODE_STEPS.contains(e.getKey())) {
                    visitor.visit(null, e.getKey(), true); // a key is never a place for a value; code is not routing
                }
                boolean endpoint = inEndpoint || ENDPOINT_KEYS.contains(e.getKey());
                walk(e.getValue(), e.getKey(), endpoint, visitor);
            });
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, key, inEndpoint, visitor));
        } else if (node.isTextual()) {
            visitor.visit(node.asText(), key, inEndpoint);
        }
    }
}
