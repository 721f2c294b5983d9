package dev.conflux.integrations.internal;

import dev.conflux.integrations.api.Integration;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An integration as its users see it: its approval's state with, once deployed, how its flow runs today. */
final class IntegrationViews {

    private final FlowService flows;
    private final DailyCounts counts;

    IntegrationViews(FlowService flows, DailyCounts counts) {
        this.flows = flows;
        this.counts = counts;
    }

    Integration of(StoredIntegration i) {
        Optional<FlowStatus> flow = i.deployed() ? flows.status(i.name()) : Optional.empty();
        String state = flow.map(f -> f.state().name()).orElse(i.deployed() ? "DEPLOYING" : null);
        DailyCounts.Count count = flow.map(counts::observe).orElse(new DailyCounts.Count(0, 0, null));
        String error = flow.map(FlowStatus::lastError).map(PlainWords::of).orElse(null);
        return new Integration(i.name(), i.title(), i.template(), i.templateVersion(), i.parameters(), i.owner(),
                i.status(), i.deletion(), i.deployed(), i.submittedBy(), i.decidedBy(), i.comment(),
                i.updatedAt() == null ? null : Instant.parse(i.updatedAt()), state, count.processed(), count.since(),
                count.failed(), error);
    }

    /** Takes today's baselines of the deployed integrations' flows (run every minute). */
    void observe(List<StoredIntegration> all) {
        all.stream().filter(StoredIntegration::deployed).forEach(i -> flows.status(i.name()).ifPresent(counts::observe));
    }
}
