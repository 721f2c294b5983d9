package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.AbstractCamelCatalog;

/**
 * Checks a flow file (Camel YAML or XML DSL) without running it, and reports every problem it can find with its
 * position: syntax, unknown components and Kamelets, unknown or mistyped endpoint options, and property
 * placeholders that do not resolve. A syntax error stops the check there (nothing after it can be read).
 */
final class FlowValidator {

    private static final Pattern LINE_COLUMN = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern AT_LINE_COLUMN = Pattern.compile("@(\\d+):(\\d+)");
    private static final Pattern LINE_ONLY = Pattern.compile("line[: ]+(\\d+)");

    private final ClassLoader loader;
    private final java.util.Map<String, dev.conflux.runtime.api.ComponentProvider> providers;

    FlowValidator(ClassLoader loader, java.util.Map<String, dev.conflux.runtime.api.ComponentProvider> providers) {
        this.loader = loader;
        this.providers = providers;
    }

    /**
     * @param location   where the content comes from; its extension picks the DSL (.yaml/.yml or .xml)
     * @param content    the flow definition
     * @param properties the flow's configuration, used to resolve placeholders as the deployed flow would
     */
    List<FlowProblem> validate(String location, String content, Properties properties) {
        List<FlowProblem> problems = new ArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        DefaultCamelContext context = new DefaultCamelContext(false);
        try {
            context.setApplicationContextClassLoader(loader);
            context.setSourceLocationEnabled(true);
            context.getCamelContextExtension().setName("conflux-validate");
            context.disableJMX();
            context.getPropertiesComponent().setInitialProperties(properties);
            context.build();
            FlowManager.useProvidedComponents(context, providers);
            Resource resource = ResourceHelper.fromString(location, content);
            try {
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
            } catch (Exception e) {
                problems.add(syntaxProblem(location, e));
                return problems;
            }
            List<RouteDefinition> routes = context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteDefinitions();
            if (routes.isEmpty() && context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteTemplateDefinitions().isEmpty()) {
                problems.add(new FlowProblem(location, -1, -1, "defines no routes"));
            }
            RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
            for (RouteDefinition route : routes) {
                FromDefinition from = route.getInput();
                if (from != null) {
                    checkEndpoint(context, catalog, location, from, from.getEndpointUri(), problems);
                }
                checkOutputs(context, catalog, location, route.getOutputs(), problems);
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
        return problems;
    }

    private void checkOutputs(CamelContext context, RuntimeCamelCatalog catalog, String location,
            List<ProcessorDefinition<?>> outputs, List<FlowProblem> problems) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof EndpointRequiredDefinition endpoint) {
                checkEndpoint(context, catalog, location, output, endpoint.getEndpointUri(), problems);
            }
            checkOutputs(context, catalog, location, output.getOutputs(), problems);
        }
    }

    private void checkEndpoint(CamelContext context, RuntimeCamelCatalog catalog, String location, Object node,
            String uri, List<FlowProblem> problems) {
        if (uri == null || uri.contains("${")) {
            return; // dynamic (simple language) URIs are only known at run time
        }
        int line = node instanceof LineNumberAware aware ? aware.getLineNumber() : -1;
        String resolved;
        try {
            resolved = context.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(location, line, -1, "in '" + uri + "': " + describe(e)));
            return;
        }
        int colon = resolved.indexOf(':');
        if (colon <= 0) {
            problems.add(new FlowProblem(location, line, -1, "'" + resolved + "' is not an endpoint URI (component:path)"));
            return;
        }
        String scheme = resolved.substring(0, colon);
        if (context.getComponent(scheme, true, false) == null) {
            problems.add(new FlowProblem(location, line, -1, unknownComponent(scheme, resolved, providers)));
            return;
        }
        if (providers.containsKey(scheme)) {
            return; // a connector instance: its endpoints are checked when the flow starts
        }
        if ("kamelet".equals(scheme)) {
            String name = resolved.substring(colon + 1).split("[?/]", 2)[0];
            if (!name.equals("source") && !name.equals("sink")
                    && loader.getResource("kamelets/" + name + ".kamelet.yaml") == null) {
                problems.add(new FlowProblem(location, line, -1, "unknown Kamelet '" + name + "' in '" + resolved
                        + "' (not in the Kamelets catalog)"));
            }
            return;
        }
        ComponentModel model = null;
        try {
            String json = catalog.componentJSonSchema(scheme);
            model = json == null ? null : org.apache.camel.tooling.model.JsonMapper.generateComponentModel(json);
        } catch (RuntimeException ignored) {
            // no schema: the component exists, its options cannot be checked
        }
        if (model == null) {
            return;
        }
        EndpointValidationResult result = null;
        if (catalog instanceof AbstractCamelCatalog full) {
            full.setSuggestionStrategy(Suggestions::closeTo);
            result = full.validateEndpointProperties(resolved, true);
        }
        if (result == null) {
            return;
        }
        if (!result.isSuccess()) {
            problems.add(new FlowProblem(location, line, -1, "in '" + resolved + "': " + describe(result)));
        }
    }

    /** What a flow is told about a component name that is neither in the runtime nor a connector instance. */
    static String unknownComponent(String scheme, String uri,
            java.util.Map<String, dev.conflux.runtime.api.ComponentProvider> providers) {
        return "unknown component '" + scheme + "' in '" + uri + "' (not available in this runtime, and no connector"
                + " instance of that name" + (providers.isEmpty() ? "" : "; connector instances: "
                        + String.join(", ", new java.util.TreeSet<>(providers.keySet()))) + ")";
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

    private static void addAll(List<String> parts, String what, java.util.Map<?, ?> invalid) {
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
