package dev.conflux.flowmanagement.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "flow-rollback",
        description = "Deploys an earlier revision of a file flow (default: the one before the current) and writes it back to the flow file")
@Service
public class FlowRollbackCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Argument(index = 1, name = "revision", description = "The revision to go back to (see conflux:flow-history)")
    int revision;

    @Override
    public Object execute() {
        printStatus(System.out, audited("flow.rollback", name, () -> flows.rollback(name, revision, actor())));
        return null;
    }
}
