package dev.conflux.serviceplane.metrics;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.ApiUsageRecorder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells API usage analytics of each call to an operation a flow publishes: not of requests no flow serves
 * (endpoint {@code other}) nor of WSDL fetches, which are no calls of an operation.
 */
public final class UsageForwarding implements Consumer<EndpointMetrics.Request> {

    private final Supplier<ApiUsageRecorder> recorder;

    public UsageForwarding(Supplier<ApiUsageRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public void accept(EndpointMetrics.Request r) {
        ApiUsageRecorder usage = recorder.get();
        if (usage == null || EndpointLabels.OTHER.equals(r.endpoint()) || "wsdl".equals(r.operation())) {
            return;
        }
        usage.record(new ApiCall(r.endpoint(), r.operation(), r.consumer(), r.status(), r.nanos(), r.requestBytes(),
                r.responseBytes()));
    }
}
