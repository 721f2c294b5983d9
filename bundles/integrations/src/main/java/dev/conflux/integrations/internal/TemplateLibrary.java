package dev.conflux.integrations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.conflux.integrations.api.Template;
import dev.conflux.integrations.api.TemplateParameter;
import dev.conflux.integrations.api.TemplateParameter.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates of the templates directory ({@code templates/<id>.yaml}), read again whenever a file changes, so a
 * template is published by saving it and withdrawn by deleting it. A file that is not a valid template is left out
 * and its problems logged and kept ({@link #problems()}), naming the file.
 */
final class TemplateLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateLibrary.class);
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,40}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Loaded(FileTime modified, Template template, List<String> problems) {
    }

    private final Path directory;
    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();

    TemplateLibrary(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** The valid templates, by id. */
    Map<String, Template> templates() {
        refresh();
        Map<String, Template> valid = new TreeMap<>();
        cache.values().stream().filter(l -> l.template() != null).forEach(l -> valid.put(l.template().id(), l.template()));
        return valid;
    }

    /** The problems of every template file that is not valid, "file: problem". */
    List<String> problems() {
        refresh();
        List<String> all = new ArrayList<>();
        cache.forEach((file, loaded) -> loaded.problems().forEach(p -> all.add(file.getFileName() + ": " + p)));
        return all;
    }

    private synchronized void refresh() {
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(directory) ? Files.list(directory) : Stream.empty()) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the templates in {}: {}", directory, e.getMessage());
            return;
        }
        cache.keySet().retainAll(files);
        for (Path file : files) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                Loaded known = cache.get(file);
                if (known == null || !known.modified().equals(modified)) {
                    Loaded loaded = load(file, modified);
                    cache.put(file, loaded);
                    if (loaded.template() == null) {
                        LOG.warn("Template {} is not published: {}", file, String.join("; ", loaded.problems()));
                    } else {
                        LOG.info("Template {} version {} read from {}", loaded.template().id(), loaded.template().version(), file);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot read the template {}: {}", file, e.getMessage());
            }
        }
    }

    private static Loaded load(Path file, FileTime modified) throws IOException {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        List<String> problems = new ArrayList<>();
        Template template = null;
        try {
            template = parse(id, Files.readString(file), problems);
        } catch (IOException e) {
            problems.add("not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return new Loaded(modified, problems.isEmpty() ? template : null, problems);
    }

    /** Reads one template; every problem found is added to {@code problems}. */
    static Template parse(String id, String content, List<String> problems) throws IOException {
        if (!ID.matcher(id).matches()) {
            problems.add("the file name must be the template's id: lower-case letters, digits and -");
        }
        JsonNode root = YAML.readTree(content);
        JsonNode t = root == null ? null : root.get("template");
        if (t == null || !t.isObject()) {
            problems.add("no 'template:' section");
            return null;
        }
        int version = t.path("version").asInt(0);
        if (version < 1) {
            problems.add("version: a whole number from 1");
        }
        String title = text(t, "title", problems, true);
        List<String> roles = new ArrayList<>();
        t.path("roles").forEach(r -> roles.add(r.asText()));
        if (roles.isEmpty()) {
            roles.add("integrator");
        }
        List<TemplateParameter> parameters = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode p : t.path("parameters")) {
            TemplateParameter parameter = parameter(p, problems);
            if (parameter != null && !names.add(parameter.name())) {
                problems.add("parameter " + parameter.name() + " is declared twice");
            } else if (parameter != null) {
                parameters.add(parameter);
            }
        }
        JsonNode flow = t.get("flow");
        if (flow == null || !flow.isArray() || flow.isEmpty()) {
            problems.add("flow: the Camel YAML DSL routes of the template (a list)");
            return null;
        }
        String flowText = YAML.writeValueAsString(flow);
        Renderer.checkTemplate(flow, parameters, problems);
        List<List<String>> different = new ArrayList<>();
        for (JsonNode group : t.path("different")) {
            List<String> members = new ArrayList<>();
            group.forEach(n -> members.add(n.asText()));
            if (members.size() < 2 || !members.stream()
                    .allMatch(n -> parameters.stream().anyMatch(p -> p.name().equals(n)))) {
                problems.add("different: each entry lists two or more declared parameters, not " + members);
            }
            different.add(members);
        }
        return new Template(id, version, title, t.path("description").asText(""), t.path("category").asText("Other"),
                t.path("icon").asText("fa-puzzle-piece"), roles, parameters, flowText, different);
    }

    private static TemplateParameter parameter(JsonNode p, List<String> problems) {
        String name = p.path("name").asText("");
        if (!PARAMETER_NAME.matcher(name).matches()) {
            problems.add("parameter '" + name + "': a name is letters and digits, starting with a letter");
            return null;
        }
        Type type;
        try {
            type = Type.valueOf(p.path("type").asText("string").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("parameter " + name + ": type '" + p.path("type").asText() + "' is not one of "
                    + java.util.Arrays.toString(Type.values()).toLowerCase(Locale.ROOT));
            return null;
        }
        String pattern = p.hasNonNull("pattern") ? p.get("pattern").asText() : null;
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                problems.add("parameter " + name + ": pattern is not a regular expression: " + e.getDescription());
            }
        }
        List<String> values = new ArrayList<>();
        p.path("values").forEach(v -> values.add(v.asText()));
        if (type == Type.ENUM && values.isEmpty()) {
            problems.add("parameter " + name + ": an enum lists its values");
        }
        String connectorType = p.hasNonNull("connectorType") ? p.get("connectorType").asText() : null;
        if (type == Type.CONNECTOR && connectorType == null) {
            problems.add("parameter " + name + ": a connector parameter names its connectorType");
        }
        String defaultValue = p.hasNonNull("default") ? p.get("default").asText() : null;
        return new TemplateParameter(name, type, p.path("label").asText(name), p.path("help").asText(""),
                defaultValue, p.path("required").asBoolean(true), pattern,
                p.hasNonNull("min") ? p.get("min").asText() : null, p.hasNonNull("max") ? p.get("max").asText() : null,
                values, connectorType, List.of());
    }

    private static String text(JsonNode node, String key, List<String> problems, boolean required) {
        String value = node.path(key).asText("");
        if (required && value.isBlank()) {
            problems.add(key + " is required");
        }
        return value;
    }
}
