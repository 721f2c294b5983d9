package dev.conflux.runtime.internal;

import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

/**
 * Times every route of a running flow with Camel's own Micrometer route policy, on Micrometer's global registry
 * (the one registry every Conflux bundle records into; the monitoring bundle joins its Prometheus registry to it).
 * Camel names the timer {@code camel.route.policy} with the tags {@code camelContext} (= the flow's name) and
 * {@code routeId}; the monitoring bundle presents it as {@code conflux.flow.processing} with the labels
 * {@code flow} and {@code route}. Only the timer is kept: the flow-level counters come from the flow runtime's own
 * statistics, so Camel's per-route and per-context counters would say the same twice.
 */
final class FlowMetrics {

    private FlowMetrics() {
    }

    static void instrument(CamelContext context) {
        MicrometerRoutePolicyConfiguration configuration = new MicrometerRoutePolicyConfiguration();
        configuration.setContextEnabled(false);
        configuration.setRouteEnabled(true);
        configuration.setAdditionalCounters(false);
        configuration.setExchangesSucceeded(false);
        configuration.setExchangesFailed(false);
        configuration.setExchangesTotal(false);
        configuration.setExternalRedeliveries(false);
        configuration.setFailuresHandled(false);
        configuration.setLongTask(false);
        configuration.setTimerInitiator(timer -> timer.publishPercentileHistogram());
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setMeterRegistry(Metrics.globalRegistry);
        factory.setPolicyConfiguration(configuration);
        factory.setSkipCamelInfo(true);
        context.addRoutePolicyFactory(factory);
    }
}
