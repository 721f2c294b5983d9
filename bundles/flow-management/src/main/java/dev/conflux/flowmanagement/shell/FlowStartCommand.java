package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "flow-start", description = "Starts a stopped or failed flow")
@Service
public class FlowStartCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        printStatus(System.out, audited("flow.start", name, () -> flows.start(name, actor())));
        return null;
    }
}
