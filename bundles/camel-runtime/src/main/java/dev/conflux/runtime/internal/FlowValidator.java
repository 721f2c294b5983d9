package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.ComponentProvider;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.AbstractCamelCatalog;

/**
 * Checks a flow file (Camel YAML or XML DSL) without running it, and reports every problem it can find with its
 * position: syntax, unknown components and Kamelets, unknown or mistyped endpoint options, and property
 * placeholders that do not resolve, wherever they are in the file. A syntax error stops the check there
 * (nothing after it can be read).
 */
final class FlowValidator {

    /** The outcome of a check: every problem, and the components the flow needs that the runtime does not have. */
    record Validation(List<FlowProblem> problems, Set<String> missingComponents, FlowEndpoints.Read read) {
        boolean isValid() {
            return problems.isEmpty();
        }
    }

    private static final Pattern LINE_COLUMN = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern AT_LINE_COLUMN = Pattern.compile("@(\\d+):(\\d+)");
    private static final Pattern LINE_ONLY = Pattern.compile("line[: ]+(\\d+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

    private final FlowContextFactory contexts;

    FlowValidator(FlowContextFactory contexts) {
        this.contexts = contexts;
    }

    /** The problems only; see {@link #check}. */
    List<FlowProblem> validate(String location, String content, Properties properties) {
        return check(location, content, properties).problems();
    }

    /**
     * @param location   where the content comes from; its extension picks the DSL (.yaml/.yml or .xml)
     * @param content    the flow definition
     * @param properties the flow's configuration, used to resolve placeholders as the deployed flow would
     */
    Validation check(String location, String content, Properties properties) {
        List<FlowProblem> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(contexts.runtimeLoader());
        DefaultCamelContext context = contexts.newContext("conflux-validate", contexts.runtimeLoader(), properties);
        FlowEndpoints.Read read = FlowEndpoints.Read.NONE;
        try {
            context.disableJMX();
            context.build();
            Resource resource = ResourceHelper.fromString(location, content);
            try {
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
            } catch (Exception e) {
                problems.add(syntaxProblem(location, e));
                return new Validation(problems, missing, FlowEndpoints.Read.NONE);
            }
            Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
            List<RouteDefinition> routes = model.getRouteDefinitions();
            if (routes.isEmpty() && model.getRouteTemplateDefinitions().isEmpty()) {
                problems.add(new FlowProblem(location, -1, -1, "defines no routes"));
            }
            RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
            Set<String> reported = new HashSet<>();
            Endpoints endpoints = new Endpoints(context, catalog, location, problems, missing, reported);
            for (RouteDefinition route : routes) {
                FromDefinition from = route.getInput();
                if (from != null) {
                    endpoints.check(from, from.getEndpointUri());
                }
                endpoints.checkOutputs(route.getOutputs());
            }
            read = FlowEndpoints.read(context);
            if (model.getRouteTemplateDefinitions().isEmpty()) {
                // In a route template, {{name}} is a template parameter, given when the template is used.
                checkPlaceholders(context, location, content, reported, problems);
            }
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(location, -1, -1, describe(e)));
        } finally {
            try {
                context.close();
            } catch (Exception ignored) {
                // a context that never started has nothing to release
            }
            Thread.currentThread().setContextClassLoader(previous);
        }
        return new Validation(problems, missing, read);
    }

    /**
     * Every {@code {{placeholder}}} in the file, wherever it is (endpoint URIs, expressions, constants, options),
     * must resolve: the flow would fail to start on one that does not. Those already reported with their endpoint
     * are not reported twice; YAML comments are skipped.
     */
    private static void checkPlaceholders(CamelContext context, String location, String content, Set<String> reported,
            List<FlowProblem> problems) {
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                if (reported.contains(m.group())) {
                    continue;
                }
                try {
                    context.resolvePropertyPlaceholders(m.group());
                } catch (RuntimeException e) {
                    reported.add(m.group());
                    problems.add(new FlowProblem(location, i + 1, m.start() + 1,
                            "placeholder " + m.group() + " does not resolve: " + describe(e)));
                }
            }
        }
    }

    /** Checks endpoints against the runtime's components, Kamelets and Camel's catalog. */
    private final class Endpoints {
        private final CamelContext context;
        private final RuntimeCamelCatalog catalog;
        private final String location;
        private final List<FlowProblem> problems;
        private final Set<String> missing;
        private final Set<String> reportedPlaceholders;

        Endpoints(CamelContext context, RuntimeCamelCatalog catalog, String location, List<FlowProblem> problems,
                Set<String> missing, Set<String> reportedPlaceholders) {
            this.context = context;
            this.catalog = catalog;
            this.location = location;
            this.problems = problems;
            this.missing = missing;
            this.reportedPlaceholders = reportedPlaceholders;
        }

        void checkOutputs(List<ProcessorDefinition<?>> outputs) {
            for (ProcessorDefinition<?> output : outputs) {
                if (output instanceof EndpointRequiredDefinition endpoint) {
                    check(output, endpoint.getEndpointUri());
                }
                checkOutputs(output.getOutputs());
            }
        }

        void check(Object node, String uri) {
            if (uri == null || uri.contains("${")) {
                return; // dynamic (simple language) URIs are only known at run time
            }
            int line = node instanceof LineNumberAware aware ? aware.getLineNumber() : -1;
            String resolved;
            try {
                resolved = context.resolvePropertyPlaceholders(uri);
            } catch (RuntimeException e) {
                problems.add(new FlowProblem(location, line, -1, "in '" + uri + "': " + describe(e)));
                PLACEHOLDER.matcher(uri).results().forEach(p -> reportedPlaceholders.add(p.group()));
                return;
            }
            int colon = resolved.indexOf(':');
            if (colon <= 0) {
                problems.add(new FlowProblem(location, line, -1, "'" + resolved + "' is not an endpoint URI (component:path)"));
                return;
            }
            String scheme = resolved.substring(0, colon);
            if (context.getComponent(scheme, true, false) == null) {
                missing.add(scheme);
                problems.add(new FlowProblem(location, line, -1, unknownComponent(scheme, resolved, contexts.providers())));
                return;
            }
            if (contexts.providers().containsKey(scheme)) {
                return; // a connector instance: its endpoints are checked when the flow starts
            }
            if ("kamelet".equals(scheme)) {
                String name = resolved.substring(colon + 1).split("[?/]", 2)[0];
                if (!name.equals("source") && !name.equals("sink")
                        && contexts.runtimeLoader().getResource("kamelets/" + name + ".kamelet.yaml") == null) {
                    problems.add(new FlowProblem(location, line, -1, "unknown Kamelet '" + name + "' in '" + resolved
                            + "' (not in the Kamelets catalog)"));
                }
                return;
            }
            ComponentModel model = null;
            try {
                String json = catalog.componentJSonSchema(scheme);
                model = json == null ? null : JsonMapper.generateComponentModel(json);
            } catch (RuntimeException ignored) {
                // no schema: the component exists, its options cannot be checked
            }
            if (model == null || !(catalog instanceof AbstractCamelCatalog full)) {
                return;
            }
            full.setSuggestionStrategy(Suggestions::closeTo);
            EndpointValidationResult result = full.validateEndpointProperties(resolved, true);
            if (result != null && !result.isSuccess()) {
                problems.add(new FlowProblem(location, line, -1, "in '" + resolved + "': " + describe(result)));
            }
        }
    }

    /** What a flow is told about a component name that is neither in the runtime nor a connector instance. */
    static String unknownComponent(String scheme, String uri, Map<String, ComponentProvider> providers) {
        return "unknown component '" + scheme + "' in '" + uri + "' (not available in this runtime, and no connector"
                + " instance of that name" + (providers.isEmpty() ? "" : "; connector instances: "
                        + String.join(", ", new TreeSet<>(providers.keySet()))) + ")";
    }

    /** One line per endpoint: "unknown option 'perod' (did you mean 'period'?); invalid integer …". */
    static String describe(EndpointValidationResult result) {
        List<String> parts = new ArrayList<>();
        if (result.getUnknown() != null) {
            for (Object option : result.getUnknown()) {
                String part = "unknown option '" + option + "'";
                Object suggestions = result.getUnknownSuggestions() == null ? null
                        : result.getUnknownSuggestions().get(option);
                if (suggestions instanceof String[] s && s.length > 0) {
                    part += " (did you mean '" + String.join("' or '", s) + "'?)";
                }
                parts.add(part);
            }
        }
        addAll(parts, "invalid integer", result.getInvalidInteger());
        addAll(parts, "invalid number", result.getInvalidNumber());
        addAll(parts, "invalid boolean", result.getInvalidBoolean());
        addAll(parts, "invalid duration", result.getInvalidDuration());
        addAll(parts, "invalid value", result.getInvalidEnum());
        addAll(parts, "invalid reference", result.getInvalidReference());
        if (result.getRequired() != null) {
            for (Object option : result.getRequired()) {
                parts.add("missing required option '" + option + "'");
            }
        }
        if (result.getSyntaxError() != null) {
            parts.add(result.getSyntaxError());
        }
        if (result.getIncapable() != null) {
            parts.add("cannot be checked: " + result.getIncapable());
        }
        return parts.isEmpty() ? "invalid endpoint" : String.join("; ", parts);
    }

    private static void addAll(List<String> parts, String what, Map<?, ?> invalid) {
        if (invalid != null) {
            invalid.forEach((option, value) -> parts.add(what + " '" + value + "' for option '" + option + "'"));
        }
    }

    private static FlowProblem syntaxProblem(String location, Throwable e) {
        int line = -1;
        int column = -1;
        for (Throwable t = e; t != null && line < 0; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher m = LINE_COLUMN.matcher(message);
            Matcher at = AT_LINE_COLUMN.matcher(message);
            if (m.find()) {
                do {
                    line = Integer.parseInt(m.group(1));
                    column = Integer.parseInt(m.group(2));
                } while (m.find());
            } else if (at.find()) {
                line = Integer.parseInt(at.group(1));
                column = Integer.parseInt(at.group(2));
            } else {
                Matcher l = LINE_ONLY.matcher(message);
                if (l.find()) {
                    line = Integer.parseInt(l.group(1));
                }
            }
        }
        return new FlowProblem(location, line, column, describe(e));
    }

    /** The innermost meaningful message, on one line, without the position (reported separately). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (root != e && e.getMessage() != null && !e.getMessage().contains(message)
                && e.getMessage().length() < 200) {
            message = e.getMessage() + ": " + message;
        }
        return message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
