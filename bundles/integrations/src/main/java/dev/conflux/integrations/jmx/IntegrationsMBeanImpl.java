package dev.conflux.integrations.jmx;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.conflux.integrations.api.Integration;
import dev.conflux.integrations.api.IntegrationException;
import dev.conflux.integrations.api.IntegrationService;
import dev.conflux.integrations.api.Requester;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registered as an OSGi service with {@code jmx.objectname}; Karaf's management bundle puts it into the platform
 * MBeanServer behind etc/jmx.acl.conflux.integrations.cfg. Each call acts for the logged-in user
 * ({@link Requester#current()}); the service decides what that user may do. Refusals become
 * IllegalArgumentExceptions with the service's message, and nothing else of the server's internals.
 */
@Component(service = DynamicMBean.class, property = "jmx.objectname=conflux:type=integrations")
public class IntegrationsMBeanImpl extends StandardMBean implements IntegrationsMXBean {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntegrationsMBeanImpl.class);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Reference
    private IntegrationService integrations;

    public IntegrationsMBeanImpl() {
        super(IntegrationsMXBean.class, true);
    }

    @Override
    public String whoAmI() {
        Requester who = Requester.current();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", who.user());
        me.put("roles", who.roles());
        me.put("approvalRule", integrations.approvalRule());
        me.put("canApprove", who.has(Requester.APPROVER) || who.has(Requester.ADMIN)
                || "self".equals(integrations.approvalRule()) && who.has(Requester.INTEGRATOR));
        return json(me);
    }

    @Override
    public String templates() {
        return call(() -> integrations.templates(Requester.current()));
    }

    @Override
    public String check(String template, String parametersJson) {
        return call(() -> {
            Requester who = Requester.current();
            Map<String, String> values = parameters(parametersJson);
            var problems = integrations.check(template, values, who);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("problems", problems);
            result.put("flow", problems.isEmpty() ? integrations.render(template, values, who) : null);
            return result;
        });
    }

    @Override
    public String tryOut(String template, String parametersJson, String sampleBody, String sampleName) {
        return call(() -> integrations.tryOut(template, parameters(parametersJson), sampleBody, sampleName,
                Requester.current()));
    }

    @Override
    public String save(String name, String title, String template, String parametersJson) {
        return call(() -> integrations.save(name, title, template, parameters(parametersJson), Requester.current()));
    }

    @Override
    public String submit(String name) {
        return call(() -> integrations.submit(name, Requester.current()));
    }

    @Override
    public String approve(String name, String reviewed, String comment) {
        return call(() -> integrations.approve(name, reviewed, comment, Requester.current()));
    }

    @Override
    public String reject(String name, String reviewed, String comment) {
        return call(() -> integrations.reject(name, reviewed, comment, Requester.current()));
    }

    @Override
    public String delete(String name) {
        return call(() -> integrations.delete(name, Requester.current()));
    }

    @Override
    public String pause(String name) {
        return call(() -> integrations.pause(name, Requester.current()));
    }

    @Override
    public String resume(String name) {
        return call(() -> integrations.resume(name, Requester.current()));
    }

    @Override
    public String mine() {
        return call(() -> integrations.mine(Requester.current()));
    }

    @Override
    public String pending() {
        return call(() -> {
            Requester who = Requester.current();
            return integrations.pending(who).stream().map(i -> detailed(i, who)).toList();
        });
    }

    @Override
    public String get(String name) {
        return call(() -> {
            Requester who = Requester.current();
            return detailed(integrations.get(name, who), who);
        });
    }

    @Override
    public String exportIntegration(String name) {
        return text(() -> integrations.export(name, Requester.current()));
    }

    @Override
    public String importIntegration(String document) {
        return call(() -> integrations.importDocument(document, Requester.current()));
    }

    /** The integration with its flow and what it touches, for approvers. */
    private ObjectNode detailed(Integration i, Requester who) {
        ObjectNode node = JSON.valueToTree(i);
        String flow;
        List<String> touches;
        try {
            flow = integrations.flow(i.name(), who);
            touches = integrations.touches(i.name(), who);
        } catch (IntegrationException e) {
            flow = null;
            touches = List.of("cannot be made any more: " + e.getMessage());
        }
        node.put("flow", flow);
        node.set("touches", JSON.valueToTree(touches));
        return node;
    }

    private static Map<String, String> parameters(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> values;
        try {
            values = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new IntegrationException("the parameters are not a JSON object of texts");
        }
        values.values().removeIf(java.util.Objects::isNull); // an empty field: the default, or "required"
        return values;
    }

    private static String call(Supplier<Object> operation) {
        return text(() -> json(operation.get()));
    }

    private static String text(Supplier<String> operation) {
        try {
            return operation.get();
        } catch (IntegrationException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            LOG.warn("Integrations: a request failed (reference {})", reference, e);
            throw new IllegalArgumentException("the server could not do this (reference " + reference
                    + " in its log)");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the answer");
        }
    }
}
