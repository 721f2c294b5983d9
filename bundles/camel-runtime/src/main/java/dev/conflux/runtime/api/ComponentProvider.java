package dev.conflux.runtime.api;

import org.apache.camel.Component;

/**
 * A named Camel component that flows can use without configuring it: a connector instance registers one as an
 * OSGi service with the service property {@value #COMPONENT_NAME}, and every flow can then write endpoints such
 * as {@code partner_a:inbox}. Each flow gets its own component (its own connections) from
 * {@link #createComponent()}.
 *
 * <p>When a provider appears, flows that failed for want of it are deployed again; when its service properties
 * change (the connector was reconfigured) or it goes away, the flows using it are restarted, so they pick up the
 * new settings or report that the component is gone.
 */
public interface ComponentProvider {

    /** Service property: the component name flows use as the URI scheme. */
    String COMPONENT_NAME = "conflux.component";

    /** A new, unstarted component for one flow's CamelContext; the runtime starts and stops it with the flow. */
    Component createComponent();
}
