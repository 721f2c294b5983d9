package dev.conflux.catalog.api;

import java.util.List;
import java.util.Map;

/**
 * What a change to or an outage of one node touches.
 *
 * @param subjects   the nodes asked about (one, or for an endpoint path or a host name, every node it names)
 * @param direct     flows that use it themselves (consume from it, send to it, or use the connector instance that
 *                   reaches it); for a flow, the flow itself
 * @param upstream   flows that feed it, directly or through queues and other flows: their messages back up or fail
 * @param downstream flows fed by it, directly or through queues and other flows: they stop receiving
 * @param apis       published operations (REST, SOAP) whose requests reach it or that it serves
 * @param alerts     alert rules watching a flow, queue, connector or endpoint among the above
 * @param paths      for each flow concerned, how it is connected to the subject, e.g.
 *                   {@code api:POST /api/orders → flow:orders → queue:billing.in → flow:billing → connector:partner-a}
 * @param consumers  per published API among {@link #apis} (by name), its known consumers: those API usage saw
 *                   calling it in the last 30 days (empty when API usage is not running)
 */
public record Impact(List<CatalogNode> subjects, List<String> direct, List<String> upstream, List<String> downstream,
        List<CatalogNode> apis, List<String> alerts, List<String> paths, Map<String, List<String>> consumers) {

    public Impact {
        subjects = List.copyOf(subjects);
        direct = List.copyOf(direct);
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
        apis = List.copyOf(apis);
        alerts = List.copyOf(alerts);
        paths = List.copyOf(paths);
        consumers = Map.copyOf(consumers);
    }

    /** This impact with the known consumers of its APIs. */
    public Impact withConsumers(Map<String, List<String>> known) {
        return new Impact(subjects, direct, upstream, downstream, apis, alerts, paths, known);
    }
}
