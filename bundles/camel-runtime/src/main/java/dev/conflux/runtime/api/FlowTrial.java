package dev.conflux.runtime.api;

import java.util.List;
import java.util.Map;

/**
 * What a flow did with one sample message when run by {@link FlowService#trial}: every message it would have sent,
 * in order, and the error it failed with, if it did. Nothing was sent anywhere: in a trial every endpoint is a
 * capture.
 *
 * @param sent  what the flow would have sent, and where
 * @param error why the flow failed on the sample, in words for its author (no class names), or null
 */
public record FlowTrial(List<Sent> sent, String error) {

    public FlowTrial {
        sent = List.copyOf(sent);
    }

    /**
     * One message the flow would have sent.
     *
     * @param endpoint the endpoint as the flow names it ({@code jms://queue:orders}, {@code partner-a://outbox})
     * @param body     the body as text
     * @param headers  its headers, as text
     */
    public record Sent(String endpoint, String body, Map<String, String> headers) {
        public Sent {
            headers = Map.copyOf(headers);
        }
    }
}
