package dev.conflux.runtime.api;

import java.util.List;
import java.util.Map;

/**
 * What one flow consumes and produces, and what its configuration says about it: the input of the interface catalog.
 *
 * @param flow      the flow's name
 * @param source    where it comes from (as in {@link FlowStatus#source()})
 * @param revision  the revision the endpoints were read from: the one that runs, or that last ran (a new revision
 *                  that failed to start has none to read); for a file being checked, the revision it would become
 * @param state     the flow's state now; a stopped or failed flow keeps the endpoints of the revision that last ran
 * @param metadata  what the flow declares about itself: {@code owner}, {@code description}, {@code tags},
 *                  {@code critical}, {@code unit} (what one accepted call is to the business, in the plural:
 *                  {@code orders}), from its configuration ({@code etc/conflux.flow-<name>.cfg}) and, for the
 *                  description, its routes' own {@code description}
 * @param endpoints every endpoint its routes consume from or send to
 */
public record FlowInterfaces(String flow, String source, int revision, FlowState state, Map<String, String> metadata,
        List<FlowEndpoint> endpoints) {

    /** The flow properties that describe a flow in the catalog. */
    public static final List<String> METADATA_KEYS = List.of("owner", "description", "tags", FlowService.CRITICAL,
            "unit");

    public FlowInterfaces {
        metadata = Map.copyOf(metadata);
        endpoints = List.copyOf(endpoints);
    }
}
