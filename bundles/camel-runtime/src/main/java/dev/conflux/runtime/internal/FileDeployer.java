package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow files: a saved file is validated and, if valid, becomes the flow's running revision through the
 * {@link RevisionPolicy}; a broken edit is rejected and the running revision stays; a deleted file undeploys its
 * flow. Called on the flow's lane.
 */
final class FileDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(FileDeployer.class);

    private final Map<String, Flow> flows;
    private final FlowHistory history;
    private final FlowConfigurations configurations;
    private final FlowValidator validator;
    private final RevisionPolicy policy;

    FileDeployer(Map<String, Flow> flows, FlowHistory history, FlowConfigurations configurations,
            FlowValidator validator, RevisionPolicy policy) {
        this.flows = flows;
        this.history = history;
        this.configurations = configurations;
        this.validator = validator;
        this.policy = policy;
    }

    Void deploy(Path file, String actor) throws IOException {
        String name = FlowFiles.flowName(file);
        if (!FlowFiles.isValidName(name)) {
            LOG.error("Flow file {} NOT deployed: '{}' is not a valid flow name (letters, digits, '.', '_', '-')", file, name);
            return null;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Flow flow = flows.get(name);
        if (flow != null && flow.file() == null) {
            LOG.error("Flow file {} NOT deployed: flow '{}' already exists (from {}). Flow names must be unique.",
                    file, name, flow.source());
            return null;
        }
        if (flow != null && !flow.file().equals(file)) {
            LOG.error("Flow file {} NOT deployed: flow '{}' is already deployed from {}. Flow names must be unique.",
                    file, name, flow.file());
            return null;
        }
        if (flow == null) {
            flow = Flow.fromFile(name, file);
            flows.put(name, flow);
            history.rememberFile(name, file);
        }
        if (FlowHistory.sha256(content).equals(flow.now().sha()) && flow.isRunning()) {
            return null; // what runs is already this content (e.g. a rollback wrote the file back)
        }
        Properties properties = configurations.of(name);
        FlowValidator.Validation validation = validator.check(file.toString(), content, properties);
        if (!validation.isValid() && !properties.equals(configurations.of(name))) {
            // The flow's configuration arrived while it was checked (a flow and its .cfg deployed together, e.g. into
            // a cluster's shared directory): check it again with it.
            validation = validator.check(file.toString(), content, configurations.of(name));
        }
        if (!validation.isValid()) {
            String report = validation.problems().stream().map(FlowProblem::toString).collect(Collectors.joining("\n"));
            if (flow.isRunning()) {
                flow.rejected("edit rejected, revision " + flow.now().revision() + " keeps running:\n" + report);
                LOG.error("Flow '{}': the edit of {} was REJECTED; revision {} keeps running. Problems:\n{}",
                        name, file, flow.now().revision(), report);
            } else {
                flow.invalid(report, validation.missingComponents());
                LOG.error("Flow '{}' FAILED: {} is not valid. Problems:\n{}", name, file, report);
            }
            history.record(name, 0, actor, "REJECT", report);
            return null;
        }
        int revision = history.revisionOf(name, content, FlowFiles.extension(file));
        policy.activate(flow, revision, content, actor, "DEPLOY");
        return null;
    }

    Void undeploy(Path file) {
        Flow flow = flows.get(FlowFiles.flowName(file));
        if (flow != null && file.equals(flow.file())) {
            policy.halt(flow);
            flows.remove(flow.name());
            history.forgetFile(flow.name());
            history.record(flow.name(), flow.now().revision(), "file", "UNDEPLOY", file + " deleted");
            LOG.info("Flow '{}' UNDEPLOYED ({} deleted)", flow.name(), file);
        }
        return null;
    }
}
