package dev.conflux.catalog.internal;

import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.runtime.api.FlowEndpoint;
import dev.conflux.runtime.api.FlowEndpoint.Direction;
import dev.conflux.runtime.api.FlowEndpoint.Origin;
import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowState;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The services the catalog reads, holding what a test puts in them. */
final class Fakes {

    final List<FlowInterfaces> flows = new ArrayList<>();
    final Map<Path, FlowInterfaces> files = new HashMap<>();
    final List<ConnectorInstance> connectors = new ArrayList<>();
    final List<AlertRule> rules = new ArrayList<>();

    FlowService flowService() {
        return proxy(FlowService.class, (name, args) -> switch (name) {
            case "interfaces" -> List.copyOf(flows);
            case "interfacesOf" -> files.get((Path) args[0]);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    ConnectorService connectorService() {
        return proxy(ConnectorService.class, (name, args) -> switch (name) {
            case "list" -> List.copyOf(connectors);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    AlertService alertService() {
        return proxy(AlertService.class, (name, args) -> switch (name) {
            case "rules" -> List.copyOf(rules);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    static FlowInterfaces flow(String name, FlowEndpoint... endpoints) {
        return new FlowInterfaces(name, "file:/flows/" + name + ".yaml", 1, FlowState.STARTED, Map.of(),
                List.of(endpoints));
    }

    static FlowEndpoint in(String uri) {
        return new FlowEndpoint(Direction.IN, uri, Origin.STATIC, "r", "");
    }

    static FlowEndpoint out(String uri) {
        return new FlowEndpoint(Direction.OUT, uri, Origin.STATIC, "r", "");
    }

    static ConnectorInstance connector(String name, String type, Map<String, String> settings) {
        return new ConnectorInstance(name, type, ConnectorInstance.Status.UP, "reached", null,
                "etc/conflux.connector." + type + "-" + name + ".cfg", "", settings);
    }

    static AlertRule rule(String name, String kind, String target) {
        return new AlertRule(name, kind, target, AlertRule.Status.ACTIVE, null, "etc/conflux.alert-" + name + ".cfg",
                "warning", List.of("log"), Map.of(), null, null, null);
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? type.getSimpleName() : m.invoke(answer, args);
            }
            return answer.answer(m.getName(), args);
        });
    }
}
