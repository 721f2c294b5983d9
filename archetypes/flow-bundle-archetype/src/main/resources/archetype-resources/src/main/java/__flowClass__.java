#set( $d = '$' )
package ${package};

import dev.conflux.runtime.api.Flows;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/**
 * The ${flowName} flow. Registered as an OSGi service with the {@value Flows#FLOW_NAME} property, it is started by
 * the Conflux runtime in a CamelContext of its own when this bundle starts, and stopped when it stops.
 *
 * <p>Endpoints come from configuration ({@code etc/conflux.flow-${flowName}.cfg}), so the same bundle runs
 * unchanged in every environment; the defaults after the colon apply when the key is not set.
 */
@Component(service = RoutesBuilder.class, property = Flows.FLOW_NAME + "=${flowName}")
public class ${flowClass} extends RouteBuilder {

    @Override
    public void configure() {
        from("{{input:jms:queue:${flowName}.in}}")
                .routeId("${flowName}")
                .log("${flowName} received ${d}{body}")
                .transform(simple("{{greeting:Hello}} ${d}{body}"))
                .to("{{output:jms:queue:${flowName}.out}}");
    }
}
