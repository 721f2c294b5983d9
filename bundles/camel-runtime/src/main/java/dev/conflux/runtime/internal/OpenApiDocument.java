package dev.conflux.runtime.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAPI 3 document for the REST DSL operations of every running flow. Each flow runs in a CamelContext of its
 * own, so Camel's reader ({@code camel-openapi-java}) writes one document per flow; this puts their paths and schemas
 * together under the service plane's URL, each operation tagged with its flow.
 */
final class OpenApiDocument {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);

    private OpenApiDocument() {
    }

    /** The document of the flows that run now. */
    static String of(Collection<Flow> flows, String serverUrl) {
        Map<String, CamelContext> running = new TreeMap<>();
        for (Flow f : flows) {
            if (f.now().running() instanceof FlowContextFactory.CamelFlow camel) {
                running.put(f.name(), camel.context());
            }
        }
        try {
            return of(running, serverUrl, "Conflux REST APIs");
        } catch (Exception e) {
            throw new IllegalStateException("The OpenAPI document cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * @param contexts  the running flows' contexts, by flow name
     * @param serverUrl where the operations are served, e.g. {@code http://127.0.0.1:8182/api}
     */
    static String of(Map<String, CamelContext> contexts, String serverUrl, String title) throws Exception {
        BeanConfig config = new BeanConfig();
        config.setTitle(title);
        config.setVersion("3.0.3"); // the OpenAPI version written
        config.setBasePath("/");
        OpenAPI merged = new OpenAPI();
        merged.setInfo(new Info().title(title).version("1")
                .description("The REST operations of the flows running in this Conflux, by flow (one tag each)."));
        merged.setServers(List.of(new Server().url(serverUrl)));
        merged.setPaths(new Paths());
        merged.setComponents(new Components());
        RestOpenApiReader reader = new RestOpenApiReader();
        for (Map.Entry<String, CamelContext> e : new TreeMap<>(contexts).entrySet()) {
            CamelContext context = e.getValue();
            List<RestDefinition> rests = context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRestDefinitions();
            if (rests.isEmpty()) {
                continue;
            }
            try {
                merge(e.getKey(), reader.read(context, rests, config, context.getName(), context.getClassResolver()),
                        merged);
            } catch (Exception | LinkageError failure) {
                // e.g. a request type the flow names and cannot load: that flow is left out, the others are served
                LOG.warn("OpenAPI: the REST operations of flow {} are left out of /openapi.json: {}", e.getKey(),
                        failure.toString());
            }
        }
        return RestOpenApiSupport.getJsonFromOpenAPIAsString(merged, config);
    }

    private static void merge(String flowName, OpenAPI flow, OpenAPI into) {
        into.addTagsItem(new Tag().name(flowName).description("Flow " + flowName));
        if (flow.getPaths() != null) {
            flow.getPaths().forEach((path, item) -> {
                item.readOperations().forEach(op -> tagAndDescribe(op, flowName));
                PathItem existing = into.getPaths().get(path);
                if (existing == null) {
                    into.getPaths().addPathItem(path, item);
                } else {
                    // two flows on one path, different methods (Camel refuses the same method twice at start)
                    item.readOperationsMap().forEach((method, op) -> {
                        if (existing.readOperationsMap().containsKey(method)) {
                            LOG.warn("OpenAPI: {} {} of flow {} is also declared by another flow; the first is listed",
                                    method, path, flowName);
                        } else {
                            existing.operation(method, op);
                        }
                    });
                }
            });
        }
        if (flow.getComponents() != null && flow.getComponents().getSchemas() != null) {
            flow.getComponents().getSchemas().forEach((name, schema) -> {
                if (into.getComponents().getSchemas() != null && into.getComponents().getSchemas().containsKey(name)) {
                    LOG.warn("OpenAPI: schema {} of flow {} is also declared by another flow; the first is listed",
                            name, flowName);
                } else {
                    into.getComponents().addSchemas(name, schema);
                }
            });
        }
    }

    /**
     * Tags the operation with its flow (besides the REST path Camel tags it with), and gives every response a description: OpenAPI 3 requires one, and Camel
     * writes the default response of an operation that declares none without it.
     */
    private static void tagAndDescribe(Operation op, String flowName) {
        if (op.getTags() == null || !op.getTags().contains(flowName)) {
            op.addTagsItem(flowName);
        }
        if (op.getResponses() != null) {
            op.getResponses().forEach((code, response) -> {
                if (response.getDescription() == null) {
                    response.setDescription("default".equals(code) ? "The flow's answer" : "HTTP " + code);
                }
            });
        }
    }
}
