package dev.conflux.runtime.api;

/**
 * How a bundle contributes a flow: register a {@link org.apache.camel.RoutesBuilder} OSGi service (with
 * Declarative Services) carrying the service property {@value #FLOW_NAME}. The runtime starts the routes in a
 * CamelContext of their own named after the flow, and stops them when the service goes away.
 *
 * <pre>
 * &#64;Component(service = RoutesBuilder.class, property = Flows.FLOW_NAME + "=my-flow")
 * public class MyFlow extends RouteBuilder { ... }
 * </pre>
 *
 * In every flow's CamelContext the runtime provides: the {@code jms} component connected to the embedded Artemis
 * broker, REST DSL endpoints published on the service plane (under {@code /api}), and {@code cxf:} endpoints
 * with relative addresses published on the service plane (under {@code /services}).
 */
public final class Flows {

    /** Service property naming the flow a RoutesBuilder belongs to. */
    public static final String FLOW_NAME = "conflux.flow";

    private Flows() {
    }
}
