package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowEndpoint.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.cxf.jaxws.CxfConsumer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.Model;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.EndpointRegistry;
import org.apache.camel.util.URISupport;

/**
 * Reads what a flow consumes from and sends to out of its routes' model (not their running processors), so the same
 * reading serves a running flow and a file that is only being checked. Dynamic targets are listed as written; what
 * they resolved to while the flow ran is read from the context's registry of dynamic endpoints ({@link #learned}) or,
 * for JMS, which sends every dynamic target through one endpoint, by {@link LearnedTargets}.
 */
final class FlowEndpoints {

    private FlowEndpoints() {
    }

    /**
     * What a flow's routes say: its endpoints, and what the routes declare about the flow in Camel's own fields
     * (the first route {@code description} as its description, the routes' {@code group}s as its tags).
     */
    record Read(List<FlowEndpoint> endpoints, Map<String, String> declared) {
        static final Read NONE = new Read(List.of(), Map.of());
    }

    static Read read(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, String> declared = new LinkedHashMap<>();
        Set<String> groups = new TreeSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (route.getDescriptionText() != null && !route.getDescriptionText().isBlank()) {
                declared.putIfAbsent("description", route.getDescriptionText().strip());
            }
            if (route.getGroup() != null && !route.getGroup().isBlank()) {
                groups.add(route.getGroup().strip());
            }
        }
        if (!groups.isEmpty()) {
            declared.put("tags", String.join(",", groups));
        }
        return new Read(of(context), declared);
    }

    /** Every endpoint the context's routes and REST DSL name, in the order they are written. */
    static List<FlowEndpoint> of(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Set<FlowEndpoint> found = new LinkedHashSet<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                found.add(new FlowEndpoint(Direction.IN, "rest:" + verb.asVerb().toLowerCase(Locale.ROOT) + ":" + path,
                        Origin.STATIC, verb.getRouteId() == null ? "" : verb.getRouteId(), restDetail(verb)));
            }
        }
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String id = route.getRouteId() == null ? "" : route.getRouteId();
            // A route Camel made from a REST operation (with the direct: route it calls inlined) is read for its
            // outputs; its input is the operation, listed above in the form the catalog names it.
            if (route.getInput() != null && !route.isCreatedFromRest()) {
                found.add(new FlowEndpoint(Direction.IN, resolved(context, route.getInput().getEndpointUri()),
                        Origin.STATIC, id, route.getDescriptionText()));
            }
            outputs(context, route.getOutputs(), id, found);
        }
        return List.copyOf(found);
    }

    /**
     * The SOAP operations each started {@code cxf:} consumer serves (from its service's binding), added to the detail
     * of that input: {@code operations getOrder, submitOrder}.
     */
    static Read withSoapOperations(Read read, CamelContext context) {
        Map<String, String> byAddress = new HashMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof CxfConsumer cxf && cxf.getServer() != null
                    && cxf.getEndpoint() instanceof CxfEndpoint endpoint && endpoint.getAddress() != null) {
                List<String> names = cxf.getServer().getEndpoint().getEndpointInfo().getBinding().getOperations()
                        .stream().map(o -> o.getName().getLocalPart()).sorted().toList();
                byAddress.put(trimSlashes(endpoint.getAddress()), "operations " + String.join(", ", names));
            }
        }
        if (byAddress.isEmpty()) {
            return read;
        }
        List<FlowEndpoint> endpoints = new ArrayList<>();
        for (FlowEndpoint e : read.endpoints()) {
            String operations = e.direction() == Direction.IN && e.uri().startsWith("cxf:")
                    ? byAddress.get(trimSlashes(e.uri().substring("cxf:".length()).replaceFirst("\\?.*$", ""))) : null;
            endpoints.add(operations == null ? e : new FlowEndpoint(e.direction(), e.uri(), e.origin(), e.route(),
                    e.detail().isEmpty() ? operations : e.detail() + "; " + operations));
        }
        return new Read(List.copyOf(endpoints), read.declared());
    }

    private static String trimSlashes(String address) {
        return address.replaceFirst("^/+", "").replaceFirst("/+$", "");
    }

    /**
     * The endpoints the context created while running for its dynamic targets, each as a LEARNED output; at most
     * {@value LearnedTargets#LIMIT}. Not JMS endpoints (one shared endpoint, named as written; see
     * {@link LearnedTargets}), nor any whose name still holds an expression.
     */
    static List<FlowEndpoint> learned(CamelContext context) {
        EndpointRegistry registry = context.getEndpointRegistry();
        List<FlowEndpoint> seen = new ArrayList<>();
        if (registry.dynamicSize() == 0) {
            return seen;
        }
        for (var entry : registry.entrySet()) {
            String uri = entry.getValue().getEndpointUri();
            if (seen.size() < LearnedTargets.LIMIT && registry.isDynamic(entry.getKey().getUri())
                    && !(entry.getValue() instanceof JmsEndpoint) && !uri.contains("${") && !uri.contains("%7B")) {
                seen.add(new FlowEndpoint(Direction.OUT, URISupport.sanitizeUri(entry.getValue().getEndpointUri()),
                        Origin.LEARNED, "", ""));
            }
        }
        return seen;
    }

    private static void outputs(CamelContext context, List<ProcessorDefinition<?>> outputs, String route,
            Set<FlowEndpoint> found) {
        for (SendDefinition<?> send : ProcessorDefinitionHelper.filterTypeInOutputs(outputs, SendDefinition.class)) {
            found.add(out(context, send.getEndpointUri(), route));
        }
        for (ToDynamicDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(outputs, ToDynamicDefinition.class)) {
            found.add(out(context, to.getUri(), route));
        }
        for (Class<? extends ExpressionNode> dynamic : List.of(RecipientListDefinition.class,
                RoutingSlipDefinition.class, EnrichDefinition.class, PollEnrichDefinition.class)) {
            for (ExpressionNode node : ProcessorDefinitionHelper.filterTypeInOutputs(outputs, dynamic)) {
                ExpressionDefinition e = node.getExpression();
                if (e == null || e.getExpression() == null) {
                    continue;
                }
                Direction direction = node instanceof PollEnrichDefinition ? Direction.IN : Direction.OUT;
                if ("constant".equals(e.getLanguage())) {
                    String delimiter = delimiter(node);
                    for (String uri : delimiter == null ? new String[] {e.getExpression()}
                            : e.getExpression().split(Pattern.quote(delimiter))) {
                        if (!uri.isBlank()) {
                            found.add(new FlowEndpoint(direction, resolved(context, uri.strip()), Origin.STATIC, route, ""));
                        }
                    }
                } else {
                    found.add(new FlowEndpoint(direction, e.getExpression(), Origin.DYNAMIC, route, e.getLanguage()));
                }
            }
        }
    }

    /** How a recipient list or routing slip separates its endpoints (default ","); null for one endpoint. */
    private static String delimiter(ExpressionNode node) {
        if (node instanceof RecipientListDefinition<?> list) {
            return list.getDelimiter() == null ? "," : list.getDelimiter();
        }
        if (node instanceof RoutingSlipDefinition<?> slip) {
            return slip.getUriDelimiter() == null ? "," : slip.getUriDelimiter();
        }
        return null;
    }

    private static FlowEndpoint out(CamelContext context, String uri, String route) {
        if (uri == null) {
            return new FlowEndpoint(Direction.OUT, "", Origin.DYNAMIC, route, "");
        }
        int query = uri.indexOf('?');
        String target = query < 0 ? uri : uri.substring(0, query);
        if (target.contains("${") || target.contains("$simple{")) {
            return new FlowEndpoint(Direction.OUT, uri, Origin.DYNAMIC, route, "");
        }
        // Only options are computed (a file name, a header): the target itself is fixed.
        boolean optionsOnly = uri.contains("${") || uri.contains("$simple{");
        return new FlowEndpoint(Direction.OUT, resolved(context, optionsOnly ? target : uri), Origin.STATIC, route, "");
    }

    private static String resolved(CamelContext context, String uri) {
        String u = uri;
        try {
            u = context.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            // the validator reports an unresolved placeholder; the catalog shows the URI as written
        }
        return URISupport.sanitizeUri(u);
    }

    private static String join(String base, String path) {
        String a = base == null ? "" : base;
        String b = path == null ? "" : path;
        String joined = (a + "/" + b).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    private static String restDetail(VerbDefinition verb) {
        List<String> parts = new ArrayList<>();
        if (verb.getType() != null) {
            parts.add("request " + verb.getType());
        }
        if (verb.getConsumes() != null) {
            parts.add("consumes " + verb.getConsumes());
        }
        if (verb.getProduces() != null) {
            parts.add("produces " + verb.getProduces());
        }
        if (verb.getDescriptionText() != null) {
            parts.add(verb.getDescriptionText());
        }
        return String.join("; ", parts);
    }
}
