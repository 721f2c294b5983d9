package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowService.FlowOperationException;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What operators do to a flow: start, stop, restart and roll back, each on the flow's lane and returning when
 * done; and checking a file without deploying it.
 */
final class FlowControl {

    private final Map<String, Flow> flows;
    private final FlowLanes lanes;
    private final FlowHistory history;
    private final FlowConfigurations configurations;
    private final FlowValidator validator;
    private final RevisionPolicy policy;

    FlowControl(Map<String, Flow> flows, FlowLanes lanes, FlowHistory history, FlowConfigurations configurations,
            FlowValidator validator, RevisionPolicy policy) {
        this.flows = flows;
        this.lanes = lanes;
        this.history = history;
        this.configurations = configurations;
        this.validator = validator;
        this.policy = policy;
    }

    FlowStatus start(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            history.setStopped(name, false);
            if (!flow.isRunning()) {
                requireValidRevision(flow);
                policy.activate(flow, flow.now().revision(), flow.now().content(), actor, "START");
            }
            return flow.status();
        });
    }

    FlowStatus stop(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            policy.stop(flow, actor);
            return flow.status();
        });
    }

    FlowStatus restart(String name, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            requireValidRevision(flow);
            history.setStopped(name, false);
            policy.activate(flow, flow.now().revision(), flow.now().content(), actor, "RESTART");
            return flow.status();
        });
    }

    private static void requireValidRevision(Flow flow) {
        if (flow.now().content() == null) {
            throw new FlowOperationException("Flow '" + flow.name() + "' has no valid revision to start: "
                    + flow.now().lastError());
        }
    }

    FlowStatus rollback(String name, int revision, String actor) {
        return lanes.call(name, () -> {
            Flow flow = flow(name);
            if (flow.file() == null) {
                throw new FlowOperationException("Flow '" + name + "' comes from " + flow.source()
                        + "; roll a bundle flow back by installing the earlier bundle version (bundle:update)");
            }
            int target = revision > 0 ? revision : previousRevision(flow);
            String content = history.content(name, target);
            if (content == null) {
                throw new FlowOperationException("Flow '" + name + "' has no revision " + target);
            }
            List<FlowProblem> problems = validator.validate(flow.file().toString(), content, configurations.of(name));
            if (!problems.isEmpty()) {
                throw new FlowOperationException("Revision " + target + " of flow '" + name
                        + "' is not valid with the current configuration: " + problems);
            }
            policy.activate(flow, target, content, actor, "ROLLBACK");
            if (flow.now().revision() == target && content.equals(flow.now().content())) {
                Files.writeString(flow.file(), content, StandardCharsets.UTF_8); // what runs is what is on disk
            }
            return flow.status();
        });
    }

    /** The revision that ran before the current one. */
    private int previousRevision(Flow flow) {
        int current = flow.now().revision();
        List<FlowRevision> entries = history.history(flow.name());
        for (int i = entries.size() - 1; i >= 0; i--) {
            FlowRevision e = entries.get(i);
            if (e.revision() > 0 && e.revision() != current
                    && List.of("DEPLOY", "ROLLBACK", "RESTORE").contains(e.action())) {
                return e.revision();
            }
        }
        throw new FlowOperationException("Flow '" + flow.name() + "' has no earlier revision than " + current);
    }

    List<FlowProblem> validate(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of(new FlowProblem(file.toString(), -1, -1, "no such file"));
        }
        if (!FlowFiles.isFlowFile(file)) {
            return List.of(new FlowProblem(file.toString(), -1, -1,
                    "not a flow file (expected Camel YAML DSL .yaml/.yml, or Camel XML DSL with <routes> or <camel>)"));
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return validator.validate(file.toString(), content, configurations.of(FlowFiles.flowName(file)));
        } catch (IOException e) {
            return List.of(new FlowProblem(file.toString(), -1, -1, "cannot read: " + e.getMessage()));
        }
    }

    /** What the file would consume and send to, read as the validator reads it; never deployed. */
    FlowInterfaces interfacesOf(Path file) {
        if (!Files.isRegularFile(file) || !FlowFiles.isFlowFile(file)) {
            throw new IllegalArgumentException(file + " is not a flow file (Camel YAML DSL .yaml/.yml or XML DSL)");
        }
        String name = FlowFiles.flowName(file);
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            Properties properties = configurations.of(name);
            FlowValidator.Validation checked = validator.check(file.toString(), content, properties);
            if (!checked.problems().isEmpty()) {
                throw new IllegalArgumentException(file + " is not valid (conflux:flow-validate lists why): "
                        + checked.problems().get(0).message());
            }
            Flow deployed = flows.get(name);
            return new FlowInterfaces(name, "file:" + file, deployed == null ? 0 : deployed.now().revision() + 1,
                    FlowState.STOPPED, Flow.metadata(checked.read().declared(), null, properties),
                    checked.read().endpoints());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Flow flow(String name) {
        Flow flow = flows.get(name);
        if (flow == null) {
            throw new FlowOperationException("No flow named '" + name + "' (see conflux:flow-list)");
        }
        return flow;
    }
}
