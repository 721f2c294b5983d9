package dev.conflux.catalog.shell;

import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.Impact;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "impact",
        description = "What a change to, or an outage of, a flow, queue, connector, endpoint or host touches: flows"
                + " directly and through queues, published APIs, alert rules")
@Service
public class ImpactCommand implements Action {

    @Reference
    CatalogService catalog;

    @Argument(index = 0, name = "kind", description = "flow, queue, connector, endpoint or host", required = true)
    @Completion(ImpactKindCompleter.class)
    String kind;

    @Argument(index = 1, name = "name", description = "Its name as conflux:catalog --nodes shows it (an endpoint may"
            + " also be its path, e.g. /api/orders; a host its host name)", required = true)
    @Completion(NodeNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        Impact impact = catalog.impact(kind, name);
        System.out.println("Impact of " + impact.subjects().stream().map(CatalogNode::id)
                .collect(Collectors.joining(", ")));
        print("Flows using it", impact.direct());
        print("Flows feeding it (upstream)", impact.upstream());
        print("Flows fed by it (downstream)", impact.downstream());
        print("Published APIs", impact.apis().stream().map(a -> a.name()
                + (a.details().containsKey("openapi") ? "  (" + a.details().get("openapi") + ")"
                        : a.details().containsKey("wsdl") ? "  (" + a.details().get("wsdl") + ")" : "")
                + consumers(impact, a.name()))
                .toList());
        print("Alert rules watching", impact.alerts());
        print("How", impact.paths());
        return null;
    }

    /** "  called by: a, b" for an API with known consumers. */
    private static String consumers(Impact impact, String api) {
        List<String> known = impact.consumers().getOrDefault(api, List.of());
        return known.isEmpty() ? "" : "\n    called by (last 30 days): " + String.join(", ", known);
    }

    private static void print(String title, List<String> items) {
        System.out.println(title + ":" + (items.isEmpty() ? " none" : ""));
        items.forEach(i -> System.out.println("  " + i));
    }
}
