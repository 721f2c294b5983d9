package dev.conflux.catalog.api;

import java.util.List;

/**
 * What deploying a new revision of a flow file would change in the catalog, before it is deployed.
 *
 * @param flow            the flow the file would deploy as
 * @param deployed        whether a flow of that name runs now (if not, everything is added)
 * @param addedInputs     node ids the new revision consumes and the running one does not
 * @param removedInputs   node ids the running revision consumes and the new one does not
 * @param addedOutputs    node ids the new revision sends to and the running one does not
 * @param removedOutputs  node ids the running revision sends to and the new one does not
 * @param findings        who is affected, one sentence each, e.g. "removes output queue billing.in: flow
 *                        billing-export loses its only producer"
 */
public record ChangeImpact(String flow, boolean deployed, List<String> addedInputs, List<String> removedInputs,
        List<String> addedOutputs, List<String> removedOutputs, List<String> findings) {

    public ChangeImpact {
        addedInputs = List.copyOf(addedInputs);
        removedInputs = List.copyOf(removedInputs);
        addedOutputs = List.copyOf(addedOutputs);
        removedOutputs = List.copyOf(removedOutputs);
        findings = List.copyOf(findings);
    }
}
